import React, { useCallback, useEffect, useRef, useState } from 'react';
import { Box, H2, Text } from '@adminjs/design-system';
import { useTranslation, type ActionProps } from 'adminjs';

import { BoardFilters, type BoardChoices, type BoardFilterValue } from './board-filters.js';
import {
  age,
  BoardDialog,
  DueBadge,
  BoardMessage,
  callPage,
  Kanban,
  refusal,
  type KanbanColumn,
} from './kanban.js';
import LeadTransitionForm from './lead-transition-form.js';

/**
 * «Лиды — канбан»: a column per lead status (src/admin/boards.ts → LeadBoardService). Dropping a
 * card asks the server which action that is; the action's own form opens over the board, and the
 * move is made by the lead's record action, as from the lead's page.
 */

interface LeadCard {
  id: number;
  version: number;
  status: string;
  company: string | null;
  name: string | null;
  objectType: string | null;
  department: string | null;
  responsible: string | null;
  createdAt: string;
  dueAt: string | null;
}

interface Column {
  status: string;
  title: string;
  count: number;
  cards: LeadCard[];
  next: string | null;
}

interface BoardData extends BoardChoices {
  filter: { departmentId: number | null; responsibleUserId: number | null };
  columns: Column[];
}

const PAGE = 'leadBoard';

const toKanban = (column: Column): KanbanColumn<LeadCard> => ({
  key: column.status,
  title: column.title,
  count: column.count,
  cards: column.cards,
  next: column.next,
});

const LeadBoard: React.FC = () => {
  const { translateAction } = useTranslation();
  const [filter, setFilter] = useState<BoardFilterValue | null>(null);
  const [data, setData] = useState<BoardData | null>(null);
  const [columns, setColumns] = useState<KanbanColumn<LeadCard>[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  // Every load of the board starts a generation; a column page that answers later for an older
  // board (the filter changed meanwhile) is dropped.
  const generation = useRef(0);
  const [move, setMove] = useState<{ card: LeadCard; action: string } | null>(null);

  const params = useCallback((value: BoardFilterValue | null): Record<string, string> => {
    if (!value) return {};
    return { departmentId: value.departmentId, responsibleUserId: value.responsibleUserId };
  }, []);

  const load = useCallback(
    async (value: BoardFilterValue | null) => {
      const mine = (generation.current += 1);
      try {
        const board = await callPage<BoardData>(PAGE, { params: params(value) });
        if (mine !== generation.current) return;
        setData(board);
        setColumns(board.columns.map(toKanban));
        setFilter({
          departmentId: board.filter.departmentId === null ? 'all' : String(board.filter.departmentId),
          responsibleUserId:
            board.filter.responsibleUserId === null ? '' : String(board.filter.responsibleUserId),
        });
      } catch (error) {
        setMessage(refusal(error));
      }
    },
    [params],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const loadMore = async (column: KanbanColumn<LeadCard>) => {
    const mine = generation.current;
    try {
      const { page } = await callPage<{ page: { cards: LeadCard[]; next: string | null } }>(PAGE, {
        params: { ...params(filter), column: column.key, cursor: column.next ?? '' },
      });
      if (mine !== generation.current) return page;
      setColumns((current) =>
        current.map((other) =>
          other.key === column.key
            ? { ...other, cards: [...other.cards, ...page.cards], next: page.next }
            : other,
        ),
      );
      return page;
    } catch (error) {
      // The column stops asking (no loop while the server is away); reloading the board resumes it.
      if (mine === generation.current) {
        setColumns((current) =>
          current.map((other) => (other.key === column.key ? { ...other, next: null } : other)),
        );
        setMessage(`${refusal(error)} Столбец «${column.title}» загружен не полностью — обновите доску.`);
      }
      return { cards: [], next: null };
    }
  };

  const onDrop = async (card: LeadCard, from: KanbanColumn<LeadCard>, to: KanbanColumn<LeadCard>) => {
    setMessage(null);
    try {
      const plan = await callPage<{ action: string }>(PAGE, {
        data: { leadId: card.id, from: from.key, to: to.key },
      });
      setMove({ card, action: plan.action });
    } catch (error) {
      setMessage(refusal(error));
    }
  };

  return (
    <Box variant="grey" p="lg">
      <H2>Лиды — канбан</H2>
      {data && filter && (
        <BoardFilters
          choices={data}
          value={filter}
          onChange={(value) => {
            setFilter(value);
            void load(value);
          }}
        />
      )}
      <BoardMessage message={message} onClose={() => setMessage(null)} />
      <Kanban
        columns={columns}
        cardId={(card) => String(card.id)}
        loadMore={loadMore}
        onDrop={(card, from, to) => void onDrop(card, from, to)}
        renderCard={(card) => (
          <>
            <Text fontWeight="bold">
              <a href={`/admin/resources/Lead/records/${card.id}/show`}>{card.company || 'Без компании'}</a>
            </Text>
            <Text fontSize="sm">{card.name}</Text>
            <Text fontSize="sm" color="grey60">
              {card.objectType ?? 'Тип объекта не указан'} · {age(card.createdAt)}
            </Text>
            <DueBadge dueAt={card.dueAt} />
            <Text fontSize="sm" color="grey60">
              {card.responsible ? `Ответственный: ${card.responsible}` : 'Без ответственного'}
              {filter?.departmentId === 'all' && card.department ? ` · ${card.department}` : ''}
            </Text>
          </>
        )}
      />
      {move && (
        <BoardDialog title={translateAction(move.action, 'Lead')} onClose={() => setMove(null)}>
          <LeadTransitionForm
            {...({
              action: { name: move.action },
              resource: { id: 'Lead' },
              record: {
                id: String(move.card.id),
                params: { version: move.card.version, status: move.card.status },
              },
            } as unknown as ActionProps)}
            onDone={() => {
              setMove(null);
              void load(filter);
            }}
          />
        </BoardDialog>
      )}
    </Box>
  );
};

export default LeadBoard;
