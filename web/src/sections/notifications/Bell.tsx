import { useEffect, useState } from 'react';
import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { get } from '../../lib/api.ts';

/** The unread count, kept live by the server's event stream (it reconnects by itself after a break). */
export function useUnreadCount(): number {
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let es: EventSource | null = null;
    let closed = false;
    get<{ unread: number }>('/notifications/unread-count').then((r) => setUnread(r.unread), () => {});
    const open = () => {
      if (closed || typeof EventSource === 'undefined') return;
      es = new EventSource('/api/v1/notifications/stream');
      es.addEventListener('unread', (e) => {
        const n = Number(JSON.parse((e as MessageEvent).data).unread);
        setUnread(n);
        window.dispatchEvent(new CustomEvent('zt:unread', { detail: n }));
      });
      // the session ended: the next request will show the login
      es.addEventListener('end', () => { es?.close(); get('/auth/me').catch(() => {}); });
    };
    open();
    return () => { closed = true; es?.close(); };
  }, []);
  return unread;
}

/** The bell in the header: the unread count, a link to the 消息 page. */
export function Bell() {
  const unread = useUnreadCount();
  return (
    <Link to="/notifications" aria-label={`消息，${unread} 条未读`} data-testid="bell">
      <Badge count={unread} size="small" overflowCount={99} offset={[-4, 4]}>
        <Button type="text" style={{ color: '#fff' }} icon={<BellOutlined style={{ fontSize: 18 }} />} />
      </Badge>
    </Link>
  );
}
