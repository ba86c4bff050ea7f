import React from 'react';
import { Box, H4, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import type { ShowPropertyProps } from 'adminjs';

import { formatDate, formatDateTime } from '../../common/ru-format.js';
import { readCard } from './client-card.js';

/** The card's «История» (newest first) and its status timeline. */
const dealStatus: Record<string, string> = {
  draft: 'черновик',
  signed: 'подписана',
  closed: 'завершена',
  cancelled: 'отменена',
};
const place = (stage: string | null, item: string | null) =>
  stage ? (item ? `${stage} — ${item}` : stage) : '—';

const ClientTimeline: React.FC<ShowPropertyProps> = ({ record }) => {
  const card = readCard(record);
  if (!card) return null;
  return (
    <Box mb="xl">
      <H4>История</H4>
      {card.history.length === 0 ? (
        <Text mb="lg">Событий нет</Text>
      ) : (
        <Table mb="xl" data-testid="client-history">
          <TableHead>
            <TableRow>
              <TableCell>Дата события</TableCell>
              <TableCell>Тип события</TableCell>
              <TableCell>Комментарий</TableCell>
              <TableCell>Кто</TableCell>
              <TableCell>Файлы</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {card.history.map((event) => (
              <TableRow key={event.id}>
                <TableCell>{formatDate(event.eventDate)}</TableCell>
                <TableCell>{event.type}</TableCell>
                <TableCell style={{ whiteSpace: 'pre-wrap' }}>{event.comment}</TableCell>
                <TableCell>{event.user ?? (event.automatic ? 'Система' : '—')}</TableCell>
                <TableCell>
                  {event.fileKeys.map((key, index) => (
                    <div key={key}>
                      <a href={`/admin/files/${key.split('/').map(encodeURIComponent).join('/')}`}>
                        {event.fileNames[index]}
                      </a>
                    </div>
                  ))}
                  <a href={`/admin/resources/HistoryEvent/records/${event.id}/edit`}>Добавить файлы</a>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <H4>Сделки</H4>
      {(card.deals ?? []).length === 0 ? (
        <Text mb="lg">
          Сделок нет. <a href="/admin/resources/Deal/actions/new">Создать сделку</a>
        </Text>
      ) : (
        <Box mb="xl" data-testid="client-deals">
          {(card.deals ?? []).map((deal) => (
            <Box key={deal.id} mb="lg">
              <Text>
                <a href={`/admin/resources/Deal/records/${deal.id}/show`}>
                  Сделка №{deal.id} ({deal.kind === 'loi' ? 'LOI' : 'Договор'}, {formatDate(deal.dealDate)},{' '}
                  {dealStatus[deal.status] ?? deal.status})
                </a>
              </Text>
              {deal.summary.lines.map((line, index) => (
                <Text key={index}>{line}</Text>
              ))}
              <Text>
                <b>{deal.summary.total}</b>
              </Text>
            </Box>
          ))}
        </Box>
      )}
      <H4>Изменения статуса</H4>
      <Table data-testid="client-status-timeline">
        <TableHead>
          <TableRow>
            <TableCell>Когда (МСК)</TableCell>
            <TableCell>Было</TableCell>
            <TableCell>Стало</TableCell>
            <TableCell>Комментарий</TableCell>
            <TableCell>Кто</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {card.timeline.map((change, index) => (
            <TableRow key={index}>
              <TableCell>{formatDateTime(change.at)}</TableCell>
              <TableCell>{place(change.fromStage, change.fromItem)}</TableCell>
              <TableCell>{place(change.toStage, change.toItem)}</TableCell>
              <TableCell style={{ whiteSpace: 'pre-wrap' }}>{change.remark ?? ''}</TableCell>
              <TableCell>{change.user ?? 'Система'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

export default ClientTimeline;
