import React, { useCallback, useEffect, useRef, useState } from 'react';
import { Box, Button, H2, Text } from '@adminjs/design-system';
import { useTranslation, type ActionProps } from 'adminjs';

import { formatWholeRubles } from '../../common/ru-format.js';
import { BoardFilters, type BoardChoices, type BoardFilterValue } from './board-filters.js';
import ClientStatusForm from './client-status-form.js';
import {
  BoardDialog,
  BoardMessage,
  callPage,
  DueBadge,
  Kanban,
  refusal,
  type KanbanColumn,
} from './kanban.js';

/**
 * «Клиенты — воронка»: a board per pipeline, a column per stage (src/admin/boards.ts →
 * ClientBoardService). A drop opens the client's status action that makes it — «Установить этап
 * вручную», «Деактивировать» or «Активировать» — with its form, as on the client's page.
 */

interface ClientCard {
  id: number;
  version: number;
  stageId: number;
  companyName: string;
  item: string | null;
  department: string;
  responsible: string | null;
  dealTotal: string;
  dueAt: string | null;
}

interface Column {
  stageId: number;
  title: string;
  kind: 'open' | 'won' | 'lost';
  hint: string;
  count: number;
  cards: ClientCard[];
  next: string | null;
}

interface BoardData extends BoardChoices {
  filter: { departmentId: number | null; responsibleUserId: number | null };
  pipelines: { id: number; name: string }[];
  pipelineId: number;
  columns: Column[];
}

const PAGE = 'clientBoard';

const ClientBoard: React.FC = () => {
  const { translateAction } = useTranslation();
  const [filter, setFilter] = useState<BoardFilterValue | null>(null);
  const [pipelineId, setPipelineId] = useState<number | null>(null);
  const [data, setData] = useState<BoardData | null>(null);
  const [columns, setColumns] = useState<KanbanColumn<ClientCard>[]>([]);
  const [hints, setHints] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  // Every load of the board starts a generation; a column page that answers later for an older
  // board (the filter changed meanwhile) is dropped.
  const generation = useRef(0);
  const [move, setMove] = useState<{ card: ClientCard; action: string; toStageId: string } | null>(null);

  const params = (value: BoardFilterValue | null, pipeline: number | null): Record<string, string> => ({
    ...(value ? { departmentId: value.departmentId, responsibleUserId: value.responsibleUserId } : {}),
    ...(pipeline ? { pipelineId: String(pipeline) } : {}),
  });

  const load = useCallback(async (value: BoardFilterValue | null, pipeline: number | null) => {
    const mine = (generation.current += 1);
    try {
      const board = await callPage<BoardData>(PAGE, { params: params(value, pipeline) });
      if (mine !== generation.current) return;
      setData(board);
      setPipelineId(board.pipelineId);
      setHints(Object.fromEntries(board.columns.map((column) => [String(column.stageId), column.hint])));
      setColumns(
        board.columns.map((column) => ({
          key: String(column.stageId),
          title: column.title,
          count: column.count,
          cards: column.cards,
          next: column.next,
        })),
      );
      setFilter({
        departmentId: board.filter.departmentId === null ? 'all' : String(board.filter.departmentId),
        responsibleUserId:
          board.filter.responsibleUserId === null ? '' : String(board.filter.responsibleUserId),
      });
    } catch (error) {
      setMessage(refusal(error));
    }
  }, []);

  useEffect(() => {
    void load(null, null);
  }, [load]);

  const loadMore = async (column: KanbanColumn<ClientCard>) => {
    const mine = generation.current;
    try {
      const { page } = await callPage<{ page: { cards: ClientCard[]; next: string | null } }>(PAGE, {
        params: { ...params(filter, pipelineId), column: column.key, cursor: column.next ?? '' },
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

  const onDrop = async (card: ClientCard, from: KanbanColumn<ClientCard>, to: KanbanColumn<ClientCard>) => {
    setMessage(null);
    try {
      const plan = await callPage<{ action: string }>(PAGE, {
        data: { clientId: card.id, fromStageId: from.key, toStageId: to.key },
      });
      setMove({ card, action: plan.action, toStageId: to.key });
    } catch (error) {
      setMessage(refusal(error));
    }
  };

  return (
    <Box variant="grey" p="lg">
      <H2>Клиенты — воронка</H2>
      {data && filter && (
        <BoardFilters choices={data} value={filter} onChange={(value) => void load(value, pipelineId)}>
          <Box>
            {data.pipelines.map((pipeline) => (
              <Button
                key={pipeline.id}
                type="button"
                size="sm"
                mr="default"
                variant={pipeline.id === pipelineId ? 'contained' : 'outlined'}
                onClick={() => void load(filter, pipeline.id)}
              >
                {pipeline.name}
              </Button>
            ))}
          </Box>
        </BoardFilters>
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
              <a href={`/admin/resources/Client/records/${card.id}/show`}>{card.companyName}</a>
            </Text>
            {card.item && <Text fontSize="sm">{card.item}</Text>}
            {hints[String(card.stageId)] && (
              <Text fontSize="sm" color="grey60">
                {hints[String(card.stageId)]}
              </Text>
            )}
            <Text fontSize="sm">Сделки: {formatWholeRubles(card.dealTotal)}</Text>
            <DueBadge dueAt={card.dueAt} />
            <Text fontSize="sm" color="grey60">
              {card.responsible ? `Ответственный: ${card.responsible}` : 'Без ответственного'}
              {filter?.departmentId === 'all' ? ` · ${card.department}` : ''}
            </Text>
          </>
        )}
      />
      {move && (
        <BoardDialog title={translateAction(move.action, 'Client')} onClose={() => setMove(null)}>
          <ClientStatusForm
            {...({
              action: { name: move.action },
              resource: { id: 'Client' },
              record: { id: String(move.card.id), params: { version: move.card.version } },
            } as unknown as ActionProps)}
            initialValues={move.action === 'setStage' ? { stageId: move.toStageId } : {}}
            onDone={() => {
              setMove(null);
              void load(filter, pipelineId);
            }}
          />
        </BoardDialog>
      )}
    </Box>
  );
};

export default ClientBoard;
