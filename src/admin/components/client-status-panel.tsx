import React from 'react';
import { Box, Text } from '@adminjs/design-system';
import type { ShowPropertyProps } from 'adminjs';

import { readCard } from './client-card.js';

/** «Статус клиента» on the card: stage, detail item, what to do next, and the leads behind the card. */
const yesNo = (value: boolean | null, yes: string, no: string) => (value === null ? '—' : value ? yes : no);

const ClientStatusPanel: React.FC<ShowPropertyProps> = ({ record }) => {
  const card = readCard(record);
  if (!card) return null;
  const { status, leads } = card;
  return (
    <Box mb="lg" p="default" variant="grey" className="crm-status-panel" data-testid="client-status-panel">
      <Text mb="sm">
        <b>
          {status.stage}
          {status.item ? ` — ${status.item}` : ''}
        </b>{' '}
        <span style={{ color: '#6b7280' }}>· {status.pipeline}</span>
      </Text>
      {status.inactiveReason && <Text mb="sm">Причина: {status.inactiveReason}</Text>}
      {status.hint && (
        <Text mb="sm" data-testid="client-next-step">
          <b>Что делать дальше:</b> {status.hint}
        </Text>
      )}
      {status.stageKind === 'won' && (
        <Text mb="sm">
          {/* A no-break space keeps each answer on the line of its question. */}
          Оплата обеспечительного платежа:{'\u00a0'}
          {yesNo(status.depositPaid, 'Оплачено', 'Не оплачено')}; подписание акта приёма-передачи:{'\u00a0'}
          {yesNo(status.acceptanceActSigned, 'Подписан', 'Не подписан')}
        </Text>
      )}
      {status.sectorDescription && <Text color="grey60">Профиль клиента: {status.sectorDescription}</Text>}
      {leads.length > 0 && (
        <Text mt="sm">
          Лиды:{' '}
          {leads.map((lead, index) => (
            <React.Fragment key={lead.id}>
              {index > 0 && ', '}
              <a href={`/admin/resources/Lead/records/${lead.id}/show`}>№{lead.id}</a>
            </React.Fragment>
          ))}
        </Text>
      )}
    </Box>
  );
};

export default ClientStatusPanel;
