import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { Member } from '../types';

/** "Mette Hansen (7000123)" for staff; falls back to the member number alone. */
export function MemberName({ memberId, memberNumber }: { memberId: string; memberNumber?: string }) {
  const { t } = useI18n();
  const member = useQuery({ queryKey: ['member', memberId], queryFn: () => api<Member>(`/api/members/${memberId}`), staleTime: 60_000, retry: false });
  if (member.data) return <>{member.data.name ? `${member.data.name} (${member.data.memberNumber})` : member.data.memberNumber}</>;
  if (memberNumber) return <>{t('common.memberNumber', { number: memberNumber })}</>;
  return <>{member.isPending ? t('common.loading') : t('common.unknownMember')}</>;
}
