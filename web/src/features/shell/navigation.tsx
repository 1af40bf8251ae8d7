// The menu entries and the permission each needs. The same list feeds the home page's shortcuts.
import type { ReactNode } from 'react';
import {
  ApartmentOutlined, AuditOutlined, ContactsOutlined, HomeOutlined, IdcardOutlined, SafetyCertificateOutlined,
  TeamOutlined, UserOutlined,
} from '@ant-design/icons';
import type { MessageKey } from '../../i18n';

export interface NavEntry {
  key: string;
  path: string;
  label: MessageKey;
  hint?: MessageKey;
  icon: ReactNode;
  permission?: string;
  group?: 'org';
}

export const NAV: NavEntry[] = [
  { key: 'home', path: '/', label: 'menu.home', icon: <HomeOutlined /> },
  { key: 'contacts', path: '/contacts', label: 'menu.contacts', hint: 'home.link.contacts', icon: <ContactsOutlined />, permission: 'business.read' },
  { key: 'units', path: '/units', label: 'menu.units', hint: 'home.link.units', icon: <ApartmentOutlined />, permission: 'org.read', group: 'org' },
  { key: 'teams', path: '/teams', label: 'menu.teams', hint: 'home.link.teams', icon: <TeamOutlined />, permission: 'org.read', group: 'org' },
  { key: 'users', path: '/users', label: 'menu.users', hint: 'home.link.users', icon: <UserOutlined />, permission: 'users.read' },
  { key: 'security', path: '/security', label: 'menu.security', hint: 'home.link.security', icon: <SafetyCertificateOutlined />, permission: 'security.settings' },
  { key: 'audit', path: '/audit', label: 'menu.audit', hint: 'home.link.audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { key: 'profile', path: '/profile', label: 'menu.profile', hint: 'home.link.profile', icon: <IdcardOutlined /> },
];

export const visibleNav = (can: (p: string) => boolean) => NAV.filter((e) => !e.permission || can(e.permission));

/** The menu key for a path: the first segment, or home. */
export function navKeyFor(pathname: string): string {
  const seg = pathname.split('/').filter(Boolean)[0];
  return NAV.find((e) => e.path === `/${seg}`)?.key ?? 'home';
}
