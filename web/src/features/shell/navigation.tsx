// The menu entries and the permission each needs. The same list feeds the home page's shortcuts.
import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  ContactsOutlined,
  HomeOutlined,
  IdcardOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { AimOutlined, CloudDownloadOutlined } from '@ant-design/icons';
import { AlertOutlined, FileDoneOutlined, ProjectOutlined } from '@ant-design/icons';
import { CloudUploadOutlined, EnvironmentOutlined, FlagOutlined, FundOutlined } from '@ant-design/icons';
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
  {
    key: 'enterprises',
    path: '/enterprises',
    label: 'menu.enterprises',
    hint: 'home.link.enterprises',
    icon: <BankOutlined />,
    permission: 'business.read',
  },
  {
    key: 'leads',
    path: '/leads',
    label: 'menu.leads',
    hint: 'home.link.leads',
    icon: <AimOutlined />,
    permission: 'business.read',
  },
  {
    key: 'visits',
    path: '/visits',
    label: 'menu.visits',
    hint: 'home.link.visits',
    icon: <EnvironmentOutlined />,
    permission: 'business.read',
  },
  {
    key: 'events',
    path: '/events',
    label: 'menu.events',
    hint: 'home.link.events',
    icon: <FlagOutlined />,
    permission: 'business.read',
  },
  {
    key: 'projects',
    path: '/projects',
    label: 'menu.projects',
    hint: 'home.link.projects',
    icon: <ProjectOutlined />,
    permission: 'business.read',
  },
  {
    key: 'project-approvals',
    path: '/project-approvals',
    label: 'menu.projectApprovals',
    hint: 'home.link.projectApprovals',
    icon: <FileDoneOutlined />,
    permission: 'projects.approve',
  },
  {
    key: 'project-problems',
    path: '/project-problems',
    label: 'menu.projectProblems',
    hint: 'home.link.projectProblems',
    icon: <AlertOutlined />,
    permission: 'business.read',
  },
  {
    key: 'targets',
    path: '/targets',
    label: 'menu.targets',
    hint: 'home.link.targets',
    icon: <FundOutlined />,
    permission: 'business.read',
  },
  {
    key: 'ranking',
    path: '/ranking',
    label: 'menu.ranking',
    hint: 'home.link.ranking',
    icon: <FlagOutlined />,
    permission: 'business.read',
  },
  {
    key: 'imports',
    path: '/imports',
    label: 'menu.imports',
    hint: 'home.link.imports',
    icon: <CloudUploadOutlined />,
    permission: 'business.write',
  },
  {
    key: 'contacts',
    path: '/contacts',
    label: 'menu.contacts',
    hint: 'home.link.contacts',
    icon: <ContactsOutlined />,
    permission: 'business.read',
  },
  {
    key: 'units',
    path: '/units',
    label: 'menu.units',
    hint: 'home.link.units',
    icon: <ApartmentOutlined />,
    permission: 'org.read',
    group: 'org',
  },
  {
    key: 'teams',
    path: '/teams',
    label: 'menu.teams',
    hint: 'home.link.teams',
    icon: <TeamOutlined />,
    permission: 'org.read',
    group: 'org',
  },
  {
    key: 'users',
    path: '/users',
    label: 'menu.users',
    hint: 'home.link.users',
    icon: <UserOutlined />,
    permission: 'users.read',
  },
  {
    key: 'security',
    path: '/security',
    label: 'menu.security',
    hint: 'home.link.security',
    icon: <SafetyCertificateOutlined />,
    permission: 'security.settings',
  },
  {
    key: 'audit',
    path: '/audit',
    label: 'menu.audit',
    hint: 'home.link.audit',
    icon: <AuditOutlined />,
    permission: 'audit.read',
  },
  {
    key: 'backup',
    path: '/backup',
    label: 'menu.backup',
    hint: 'home.link.backup',
    icon: <CloudDownloadOutlined />,
    permission: 'system.backup',
  },
  { key: 'profile', path: '/profile', label: 'menu.profile', hint: 'home.link.profile', icon: <IdcardOutlined /> },
];

export const visibleNav = (can: (p: string) => boolean) => NAV.filter((e) => !e.permission || can(e.permission));

/** The menu key for a path: the first segment, or home. */
export function navKeyFor(pathname: string): string {
  const seg = pathname.split('/').filter(Boolean)[0];
  return NAV.find((e) => e.path === `/${seg}`)?.key ?? 'home';
}
