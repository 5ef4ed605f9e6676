import { useCallback, useEffect, useState } from 'react';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Spin, Tag, Typography } from 'antd';
import { Link, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { get, post } from './lib/api.ts';
import { SessionContext, allows, type Me } from './lib/session.tsx';
import { Login } from './Login.tsx';
import { sections } from './sections.tsx';
import { publicRoutes } from './public.tsx';
import { ChangePasswordPage } from './sections/account/ChangePasswordPage.tsx';
import { Bell } from './sections/notifications/Bell.tsx';

const { Header, Sider, Content } = Layout;

export function App() {
  const location = useLocation();
  if (publicRoutes.some((r) => location.pathname === r.path || location.pathname.startsWith(r.path + '/'))) {
    return (
      <Routes>
        {publicRoutes.map((r) => <Route key={r.path} path={r.path + '/*'} element={r.element} />)}
      </Routes>
    );
  }
  return <StaffApp />;
}

function StaffApp() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const navigate = useNavigate();
  const location = useLocation();
  // a phone (narrower than antd's md, 768 px): the menu folds into a drawer opened from the header
  const phone = Grid.useBreakpoint().md === false;
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname]);
  const refresh = useCallback(() => {
    get<Me>('/auth/me').then(setMe, () => setMe(null));
  }, []);
  useEffect(refresh, [refresh]);
  useEffect(() => {
    const h = () => setMe(null);
    window.addEventListener('zt:unauthenticated', h);
    return () => window.removeEventListener('zt:unauthenticated', h);
  }, []);

  if (me === undefined) return <Spin style={{ margin: 80 }} />;
  if (me === null) return <Login onLogin={refresh} />;
  const logout = async () => { await post('/auth/logout'); setMe(null); navigate('/'); };
  // 8.1.4.1 a: until the password is changed the server answers nothing else — the page shows only the change
  if (me.password?.changeRequired && me.password.enforced) {
    return (
      <SessionContext.Provider value={{ me, refresh }}>
        <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', paddingTop: 80, gap: 16 }}>
          <ChangePasswordPage />
          <Button type="link" onClick={logout}>退出登录</Button>
        </div>
      </SessionContext.Provider>
    );
  }

  // the menu lists the pages whose data the user may read; a section with none is left out
  const items = sections.flatMap((s) => {
    const visible = s.pages.filter((p) => !p.hidden && allows(me, p.anyOf));
    if (visible.length === 0) return [];
    return visible.length === 1 && s.pages.filter((p) => !p.hidden).length === 1
      ? { key: visible[0].path, label: <Link to={visible[0].path}>{s.label}</Link> }
      : { key: s.key, label: s.label, children: visible.map((p) => ({ key: p.path, label: <Link to={p.path}>{p.label}</Link> })) };
  });
  const allPages = sections.flatMap((s) => s.pages);
  const selected = allPages
    .map((p) => p.path)
    .filter((p) => p === location.pathname || (p !== '/' && location.pathname.startsWith(p + '/')))
    .sort((a, b) => b.length - a.length)[0] ?? '/';

  return (
    <SessionContext.Provider value={{ me, refresh }}>
      <Layout style={{ minHeight: '100vh' }}>
        <Header style={{ display: 'flex', alignItems: 'center', gap: 8, background: '#b71c1c', paddingInline: phone ? 8 : 24 }}>
          {phone && <Button type="text" aria-label="菜单" style={{ color: '#fff', fontSize: 20 }} onClick={() => setMenuOpen(true)} data-testid="menu-toggle">☰</Button>}
          <Typography.Title level={phone ? 5 : 4} ellipsis style={{ color: '#fff', margin: 0, flex: 1, minWidth: 0 }}>
            政通 · <span data-testid="current-government">{me.government?.name ?? '武威市人民政府'}</span>
          </Typography.Title>
          {me.password?.changeRequired && (
            <Link to="/account/password"><Tag color="gold" data-testid="password-warning">{phone ? '口令未改' : '演示模式：口令尚未修改'}</Tag></Link>
          )}
          {!me.password?.changeRequired && me.password?.warn && (
            <Link to="/account/password"><Tag color="gold" data-testid="password-warning">{phone ? `口令 ${me.password.daysLeft} 天后过期` : `口令将于 ${me.password.daysLeft} 天后过期，请及时修改`}</Tag></Link>
          )}
          <Bell />
          <Dropdown
            menu={{
              items: [{ key: 'password', label: '修改口令' }, { key: 'logout', label: '退出登录' }],
              onClick: async ({ key }) => { if (key === 'password') navigate('/account/password'); else await logout(); },
            }}
          >
            <Button type="text" style={{ color: '#fff', paddingInline: phone ? 4 : undefined }} data-testid="current-user">
              {phone ? me.displayName.split('（')[0] : me.displayName}{phone || me.displayName.includes('（') ? '' : `（${me.roleLabels.join('、')}）`}
            </Button>
          </Dropdown>
        </Header>
        <Layout>
          {phone ? (
            <Drawer placement="left" open={menuOpen} onClose={() => setMenuOpen(false)} size={260} styles={{ body: { padding: 0 } }} title="政通">
              <Menu mode="inline" selectedKeys={[selected]} defaultOpenKeys={sections.map((s) => s.key)} items={items} />
            </Drawer>
          ) : (
            <Sider width={200} theme="light">
              <Menu mode="inline" selectedKeys={[selected]} defaultOpenKeys={sections.map((s) => s.key)} items={items} style={{ height: '100%' }} />
            </Sider>
          )}
          <Content style={{ padding: phone ? 8 : 24, minWidth: 0 }}>
            <Routes>
              {allPages.map((p) => <Route key={p.path} path={p.path === '/' ? '/' : p.path + '/*'} element={p.element} />)}
            </Routes>
          </Content>
        </Layout>
      </Layout>
    </SessionContext.Provider>
  );
}
