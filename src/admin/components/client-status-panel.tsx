import React from 'react';
import { Box, H4, Label, Text } from '@adminjs/design-system';
import type { ShowPropertyProps } from 'adminjs';

import { readCard } from './client-card.js';

/** «Статус клиента» on the card: stage, detail item, what to do next, and the leads behind the card. */
const yesNo = (value: boolean | null, yes: string, no: string) => (value === null ? '—' : value ? yes : no);

const ClientStatusPanel: React.FC<ShowPropertyProps> = ({ record }) => {
  const card = readCard(record);
  if (!card) return null;
  const { status, leads } = card;
  return (
    <Box mb="xl" p="lg" variant="grey" data-testid="client-status-panel">
      <Label>Статус клиента</Label>
      <H4 mb="sm">
        {status.stage}
        {status.item ? ` — ${status.item}` : ''}
      </H4>
      <Text mb="sm" color="grey60">
        {status.pipeline}
      </Text>
      {status.inactiveReason && <Text mb="sm">Причина: {status.inactiveReason}</Text>}
      {status.hint && (
        <Text mb="sm" data-testid="client-next-step">
          <b>Что делать дальше:</b> {status.hint}
        </Text>
      )}
      {status.stageKind === 'won' && (
        <Text mb="sm">
          Оплата обеспечительного платежа: {yesNo(status.depositPaid, 'Оплачено', 'Не оплачено')}; подписание
          акта приёма-передачи: {yesNo(status.acceptanceActSigned, 'Подписан', 'Не подписан')}
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
