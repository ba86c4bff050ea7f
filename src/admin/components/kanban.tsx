import React, { useEffect, useRef, useState } from 'react';
import { Box, Button, MessageBox, Text } from '@adminjs/design-system';
import { ApiClient } from 'adminjs';

import { listCountLabel } from '../../common/list-count.js';
import { formatDateTime } from '../../common/ru-format.js';

/**
 * The kanban both boards share: columns side by side, each scrolling on its own and asking the
 * page handler for its next cards near its end; cards drag (HTML5 drag and drop) onto another
 * column, and the board decides what the drop does. A refused drop leaves the card where it was
 * and shows the server's message.
 */

export interface KanbanColumn<Card> {
  key: string;
  title: string;
  count: number;
  /** A line under the title (e.g. the stage's next-step hint). */
  note?: string;
  cards: Card[];
  next: string | null;
}

const api = new ApiClient();

/** The Russian message of a refused page request (the global filter's `message`). */
export function refusal(error: unknown): string {
  const message = (error as { response?: { data?: { message?: unknown } } }).response?.data?.message;
  return typeof message === 'string' ? message : 'Не удалось связаться с сервером. Повторите попытку.';
}

export async function callPage<T>(
  pageName: string,
  options: { params?: Record<string, string>; data?: Record<string, unknown> },
): Promise<T> {
  const response = await api.getPage<T>({
    pageName,
    params: options.params,
    ...(options.data ? { method: 'post', data: options.data } : {}),
  });
  return response.data;
}

/** How long ago: «12 мин», «5 ч», «3 дн.». */
export function age(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 60) return `${minutes} мин`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} ч`;
  return `${Math.floor(hours / 24)} дн.`;
}

/** A card's deadline: «Просрочено на 5 ч» in red once passed, «Срок: 28.11.2026, 12:00» before. */
export const DueBadge: React.FC<{ dueAt: string | null }> = ({ dueAt }) => {
  if (!dueAt) return null;
  const overdue = new Date(dueAt).getTime() <= Date.now();
  return overdue ? (
    <Text fontSize="sm" color="error" fontWeight="bold" data-testid="overdue">
      Просрочено на {age(dueAt)}
    </Text>
  ) : (
    <Text fontSize="sm" color="grey60">
      Срок: {formatDateTime(dueAt)}
    </Text>
  );
};

interface KanbanProps<Card> {
  columns: KanbanColumn<Card>[];
  cardId: (card: Card) => string;
  renderCard: (card: Card) => React.ReactNode;
  /** Next cards of a column after its `next`. */
  loadMore: (column: KanbanColumn<Card>) => Promise<{ cards: Card[]; next: string | null }>;
  onDrop: (card: Card, from: KanbanColumn<Card>, to: KanbanColumn<Card>) => void;
}

function ColumnView<Card>({
  column,
  cardId,
  renderCard,
  loadMore,
  onDropHere,
  onDragCard,
}: {
  column: KanbanColumn<Card>;
  cardId: (card: Card) => string;
  renderCard: (card: Card) => React.ReactNode;
  loadMore: () => Promise<void>;
  onDropHere: () => void;
  onDragCard: (card: Card) => void;
}) {
  const end = useRef<HTMLDivElement>(null);
  const [over, setOver] = useState(false);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const sentinel = end.current;
    if (!sentinel || !column.next) return undefined;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && !loading) {
        setLoading(true);
        void loadMore().finally(() => setLoading(false));
      }
    });
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [column.next, loading, loadMore]);

  return (
    <Box
      data-column={column.key}
      flexShrink={0}
      width="216px"
      mr="default"
      p="default"
      style={{
        background: over ? '#e6efff' : '#f4f6fb',
        borderRadius: 6,
        display: 'flex',
        flexDirection: 'column',
        maxHeight: 'calc(100vh - 230px)',
      }}
      onDragOver={(event: React.DragEvent) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event: React.DragEvent) => {
        event.preventDefault();
        setOver(false);
        onDropHere();
      }}
    >
      <Box mb="default">
        <Text fontWeight="bold">
          {column.title} <span data-testid="column-count">({listCountLabel(column.count)})</span>
        </Text>
        {column.note && (
          <Text fontSize="sm" color="grey60">
            {column.note}
          </Text>
        )}
      </Box>
      <Box style={{ overflowY: 'auto', flexGrow: 1 }} data-testid="column-cards">
        {column.cards.map((card) => (
          <Box
            key={cardId(card)}
            data-card={cardId(card)}
            draggable
            onDragStart={(event: React.DragEvent) => {
              event.dataTransfer.setData('text/plain', cardId(card));
              event.dataTransfer.effectAllowed = 'move';
              onDragCard(card);
            }}
            p="default"
            mb="default"
            style={{
              background: '#fff',
              cursor: 'grab',
              borderRadius: 4,
              boxShadow: '0 1px 2px rgba(0,0,0,.12)',
            }}
          >
            {renderCard(card)}
          </Box>
        ))}
        {column.cards.length === 0 && (
          <Text fontSize="sm" color="grey60">
            Пусто
          </Text>
        )}
        <div ref={end} style={{ height: 1 }} />
        {loading && (
          <Text fontSize="sm" color="grey60">
            Загрузка…
          </Text>
        )}
      </Box>
    </Box>
  );
}

export function Kanban<Card>({ columns, cardId, renderCard, loadMore, onDrop }: KanbanProps<Card>) {
  const dragged = useRef<{ card: Card; from: KanbanColumn<Card> } | null>(null);
  return (
    <Box style={{ display: 'flex', overflowX: 'auto', alignItems: 'flex-start' }} pb="lg">
      {columns.map((column) => (
        <ColumnView
          key={column.key}
          column={column}
          cardId={cardId}
          renderCard={renderCard}
          loadMore={() => loadMore(column).then(() => undefined)}
          onDragCard={(card) => {
            dragged.current = { card, from: column };
          }}
          onDropHere={() => {
            const drag = dragged.current;
            dragged.current = null;
            if (drag && drag.from.key !== column.key) onDrop(drag.card, drag.from, column);
          }}
        />
      ))}
    </Box>
  );
}

/** The form a drop opens, over the board; closing it leaves everything as it was. */
export const BoardDialog: React.FC<{ title: string; onClose: () => void; children: React.ReactNode }> = ({
  title,
  onClose,
  children,
}) => (
  <Box
    role="dialog"
    aria-label={title}
    style={{
      position: 'fixed',
      inset: 0,
      background: 'rgba(20, 24, 40, .45)',
      zIndex: 1000,
      display: 'flex',
      alignItems: 'flex-start',
      justifyContent: 'center',
      overflowY: 'auto',
    }}
  >
    <Box variant="white" mt="xxl" p="lg" width="640px" style={{ borderRadius: 6 }}>
      <Box style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }} mb="default">
        <Text fontWeight="bold" fontSize="lg">
          {title}
        </Text>
        <Button type="button" variant="text" onClick={onClose}>
          Отмена
        </Button>
      </Box>
      {children}
    </Box>
  </Box>
);

/** The board's message line: a refused move, a failed load. */
export const BoardMessage: React.FC<{ message: string | null; onClose: () => void }> = ({
  message,
  onClose,
}) =>
  message ? (
    <Box mb="lg" data-testid="board-message">
      <MessageBox message={message} variant="danger" onCloseClick={onClose} />
    </Box>
  ) : null;
