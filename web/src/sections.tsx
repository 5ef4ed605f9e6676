import type { ReactNode } from 'react';
import { Home } from './sections/home/Home.tsx';
import { UnderConstruction } from './sections/home/UnderConstruction.tsx';
import { AuditPage } from './sections/admin/AuditPage.tsx';
import { PackPage } from './sections/admin/PackPage.tsx';
import { AccountsPage } from './sections/admin/AccountsPage.tsx';
import { ChangePasswordPage } from './sections/account/ChangePasswordPage.tsx';
import { OrgPage } from './sections/org/OrgPage.tsx';
import { DocumentsPage } from './sections/documents/DocumentsPage.tsx';
import { MeetingsPage } from './sections/meetings/MeetingsPage.tsx';
import { CalendarPage } from './sections/calendar/CalendarPage.tsx';
import { SupervisionPage } from './sections/supervision/SupervisionPage.tsx';
import { AccountabilityPage } from './sections/accountability/AccountabilityPage.tsx';
import { LeadersPage } from './sections/leaders/LeadersPage.tsx';
import { OpennessPage } from './sections/openness/OpennessPage.tsx';
import { DecisionsPage } from './sections/decisions/DecisionsPage.tsx';
import { NotificationsPage } from './sections/notifications/NotificationsPage.tsx';
import { DeliveriesPage } from './sections/notifications/DeliveriesPage.tsx';

// The product's sections: each context adds its pages here. `path` is under the staff UI; `anyOf` names
// the permissions of the page's data (one of them suffices): the menu shows a page only to a user who
// holds one, since the server answers 403 to everyone else.
export interface Section {
  key: string;
  label: string;
  pages: { path: string; label: string; element: ReactNode; hidden?: boolean; anyOf?: string[] }[];
}

export const sections: Section[] = [
  { key: 'home', label: '工作台', pages: [{ path: '/', label: '工作台', element: <Home /> }] },
  { key: 'notifications', label: '消息', pages: [{ path: '/notifications', label: '消息', element: <NotificationsPage /> }] },
  { key: 'documents', label: '公文', pages: [{ path: '/documents', anyOf: ['documents.read'], label: '公文', element: <DocumentsPage /> }] },
  { key: 'meetings', label: '会议', pages: [{ path: '/meetings', anyOf: ['meetings.read'], label: '会议', element: <MeetingsPage /> }] },
  { key: 'decisions', label: '决策', pages: [{ path: '/decisions', anyOf: ['decisions.read'], label: '决策与立法', element: <DecisionsPage /> }] },
  { key: 'supervision', label: '督查', pages: [{ path: '/supervision', anyOf: ['supervision.read'], label: '督查', element: <SupervisionPage /> }] },
  { key: 'accountability', label: '建议提案', pages: [{ path: '/accountability', anyOf: ['supervision.read'], label: '建议提案与监督', element: <AccountabilityPage /> }] },
  { key: 'leaders', label: '领导', pages: [{ path: '/leaders', anyOf: ['leaders.read'], label: '领导', element: <LeadersPage /> }] },
  { key: 'org', label: '组织机构', pages: [{ path: '/org', anyOf: ['org.read'], label: '组织机构', element: <OrgPage /> }] },
  { key: 'openness', label: '公开', pages: [{ path: '/openness', anyOf: ['openness.read'], label: '公开', element: <OpennessPage /> }] },
  {
    key: 'admin', label: '管理', pages: [
      { path: '/admin/pack', anyOf: ['pack.read'], label: '规则包', element: <PackPage /> },
      { path: '/admin/calendar', anyOf: ['calendar.read'], label: '工作日历', element: <CalendarPage /> },
      { path: '/admin/audit', anyOf: ['audit.read'], label: '安全审计', element: <AuditPage /> },
      { path: '/admin/accounts', anyOf: ['accounts.read'], label: '账号管理', element: <AccountsPage /> },
      { path: '/admin/deliveries', anyOf: ['notifications.deliveries'], label: '消息投递', element: <DeliveriesPage /> },
      { path: '/account/password', label: '修改口令', element: <ChangePasswordPage />, hidden: true },
    ],
  },
];
