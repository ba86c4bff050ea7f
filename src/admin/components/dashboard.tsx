import React, { useEffect, useState } from 'react';
import {
  Box,
  H2,
  H4,
  Link,
  MessageBox,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Text,
} from '@adminjs/design-system';
import { ApiClient } from 'adminjs';

import type { Compared } from '../../modules/report/documents/report-data.js';
import type { DepartmentWeek } from '../../modules/report/repositories/department-week.js';
import type { CommitteeHomeData } from '../dashboard.js';
import { listCountLabel } from '../../common/list-count.js';
import {
  formatCount,
  formatDate,
  formatDateTime,
  formatRate,
  formatWholeRubles,
  moscowToday,
} from '../../common/ru-format.js';
import { formatPeriod } from '../../modules/report/documents/report-format.js';
import BarChart from './bar-chart.js';

interface DashboardData {
  userName: string;
  role: 'admin' | 'manager' | 'committee';
  warnings: { text: string; link: { href: string; label: string } }[];
  week: DepartmentWeek | null;
  counters: Record<'overdueLeads' | 'stuckClients' | 'plannedToday', { count: number; link: string }> | null;
  committee: CommitteeHomeData | null;
}

const roleDescriptions: Record<DashboardData['role'], string> = {
  admin: 'Вы администратор: ведёте справочники и пользователей, видите все разделы.',
  manager:
    'Вы менеджер: ваши лиды, клиенты, сделки и доски — в «Моей работе» слева, записи всех отделов — в разделе «CRM».',
  committee:
    'Вы член комитета: здесь последние отчёты ваших департаментов и главные цифры недели, все отчёты — в разделе «Отчёты».',
};

const api = new ApiClient();

const Figure: React.FC<{ label: string; value: string; note: string }> = ({ label, value, note }) => (
  <Box mr="xxl" mb="lg">
    <Text fontSize="xl" fontWeight="bold">
      {value}
    </Text>
    <Text fontSize="sm">{label}</Text>
    <Text fontSize="sm" color="grey60">
      {note}
    </Text>
  </Box>
);

/** The three counters of the workspace, each a link to the list it counts. */
const Counters: React.FC<{ counters: NonNullable<DashboardData['counters']> }> = ({ counters }) => {
  const items = [
    { key: 'overdueLeads', label: 'Просроченные лиды', counter: counters.overdueLeads },
    { key: 'stuckClients', label: 'Клиенты, задержавшиеся на этапе', counter: counters.stuckClients },
    { key: 'plannedToday', label: 'Запланировано на сегодня', counter: counters.plannedToday },
  ];
  return (
    <Box
      variant="white"
      p="xl"
      mt="lg"
      flex
      flexDirection="row"
      flexWrap="wrap"
      data-testid="dashboard-counters"
    >
      {items.map(({ key, label, counter }) => (
        <Box as="a" href={counter.link} key={key} mr="xxl" mb="lg" data-testid={`counter-${key}`}>
          <Text
            fontSize="xl"
            fontWeight="bold"
            color={counter.count > 0 && key !== 'plannedToday' ? 'error' : undefined}
          >
            {listCountLabel(counter.count)}
          </Text>
          <Text fontSize="sm">{label}</Text>
        </Box>
      ))}
    </Box>
  );
};

/** This week of the manager's department: the key figures and charts of the committee report. */
const Week: React.FC<{ week: DepartmentWeek }> = ({ week }) => (
  <Box variant="white" p="xl" mt="lg" data-testid="dashboard-week">
    <H4>
      {week.department}: неделя {formatPeriod(week.period)}
    </H4>
    <Box flex flexDirection="row" flexWrap="wrap" mb="lg">
      <Figure
        label="новых лидов"
        value={formatCount(week.figures.leadsReceived.current)}
        note={`в те же дни прошлой недели: ${formatCount(week.figures.leadsReceived.previous)}`}
      />
      <Figure
        label="ждут взятия в работу"
        value={formatCount(week.figures.leadsWaiting)}
        note="лиды в статусе «Новый»"
      />
      <Figure
        label="конверсия в клиентов"
        value={formatRate(week.figures.leadsConverted.current, week.figures.leadsProcessed.current)}
        note={`обработано лидов: ${formatCount(week.figures.leadsProcessed.current)}`}
      />
      <Figure
        label="подписано сделок"
        value={formatCount(week.figures.dealsSigned.current)}
        note={formatWholeRubles(week.figures.dealsTotal.current)}
      />
    </Box>
    <BarChart
      title="Новые лиды по типу объекта"
      empty="На этой неделе новых лидов нет"
      bars={week.leadsByObjectType.map((row) => ({
        label: row.name,
        value: row.current,
        previous: row.previous,
        text: formatCount(row.current),
      }))}
    />
    {week.funnels.map((funnel) => (
      <BarChart
        key={funnel.pipeline}
        title={`Воронка клиентов: ${funnel.pipeline}`}
        empty=""
        centred
        bars={funnel.stages.map((stage) => ({
          label: stage.name,
          value: stage.clients,
          text: formatCount(stage.clients),
          color: stage.kind === 'won' ? '#3c8d4f' : stage.kind === 'lost' ? '#b5483f' : undefined,
        }))}
      />
    ))}
    <BarChart
      title="Сделки по услугам и объектам"
      empty="На этой неделе сделок нет"
      bars={week.dealsByService.map((row) => ({
        label: row.name,
        value: Number(row.total.current),
        previous: Number(row.total.previous),
        text: formatWholeRubles(row.total.current),
      }))}
    />
  </Box>
);

type HomeDepartment = CommitteeHomeData['departments'][number];
type HomeReport = NonNullable<HomeDepartment['report']>;

/** «Скачать PDF» of an archived report, with its period and when it was built. */
/** «за 2025 год», or for the year still running «за 2026 год, на 05.12.2026». */
const annualLabel = (report: HomeReport): string => {
  const year = `за ${report.periodStart.slice(0, 4)} год`;
  const madeOn = new Date(report.generatedAt);
  return report.periodEnd > moscowToday(madeOn) ? `${year}, на ${formatDate(madeOn)}` : year;
};

const ReportLink: React.FC<{ report: HomeReport; label: string }> = ({ report, label }) => (
  <>
    <Link href={report.downloadUrl} data-testid="committee-report-link" style={{ whiteSpace: 'nowrap' }}>
      Скачать PDF
    </Link>
    <Text fontSize="sm" color="grey60">
      {label}, сформирован {formatDateTime(report.generatedAt)}
    </Text>
  </>
);

/** Words are never broken inside (the design system's cells break them anywhere). */
const whole: React.CSSProperties = { wordBreak: 'normal', overflowWrap: 'normal' };

/** A figure of the week in a table cell, with the figure compared under it. */
const Cell: React.FC<{ value: string; note?: string }> = ({ value, note }) => (
  <TableCell px="default" style={whole}>
    <Text fontWeight="bold">{value}</Text>
    {note && (
      <Text fontSize="sm" color="grey60">
        {note}
      </Text>
    )}
  </TableCell>
);

/** One department of a committee member: its latest weekly report and the week's figures. */
const DepartmentRow: React.FC<{ department: HomeDepartment }> = ({ department }) => {
  const { figures, report } = department;
  const before = (figure: Compared) => `было ${formatCount(figure.previous)}`;
  return (
    <TableRow data-testid="committee-department">
      <TableCell px="default" style={{ ...whole, minWidth: 150 }}>
        <Text fontWeight="bold">{department.name}</Text>
      </TableCell>
      <TableCell px="default" style={{ ...whole, minWidth: 170 }}>
        {report ? (
          <ReportLink
            report={report}
            label={`за ${formatDate(report.periodStart)} — ${formatDate(report.periodEnd)}`}
          />
        ) : (
          <Text fontSize="sm">Формируется — обновите страницу через минуту</Text>
        )}
      </TableCell>
      <Cell value={formatCount(figures.leadsReceived.current)} note={before(figures.leadsReceived)} />
      <Cell
        value={formatCount(figures.leadsProcessed.current)}
        note={`конверсия ${formatRate(figures.leadsConverted.current, figures.leadsProcessed.current)}`}
      />
      <Cell value={formatCount(figures.leadsWaiting)} />
      <Cell value={formatCount(figures.clientsAdded.current)} note={before(figures.clientsAdded)} />
      <Cell
        value={formatCount(figures.dealsSigned.current)}
        note={`на ${formatWholeRubles(figures.dealsTotal.current)}; ${before(figures.dealsSigned)}`}
      />
    </TableRow>
  );
};

/** A committee member's home: each department's latest report a click away, and the week in figures. */
const CommitteeHome: React.FC<{ home: CommitteeHomeData }> = ({ home }) => {
  const week = `${formatDate(home.week.start)} — ${formatDate(home.week.end)}`;
  return (
    <Box variant="white" p="xl" mt="lg" data-testid="committee-home">
      <H4>{home.running ? `Текущая неделя ${week}` : `Прошлая неделя ${week}`}</H4>
      <Text fontSize="sm" color="grey60" mb="lg">
        {home.running
          ? 'CRM работает с этой недели: цифры и отчёт — с понедельника по сегодняшний день, «было» — те же дни прошлой недели. В понедельник отчёт будет сформирован за всю неделю и разослан комитету.'
          : 'Цифры из отчёта для оперативного совещания; «было» — неделей раньше.'}
      </Text>
      <Box overflowX="auto">
        <Table>
          <TableHead>
            <TableRow>
              {[
                'Департамент',
                'Отчёт для совещания',
                'Новых лидов',
                'Обработано лидов',
                'Ждут взятия в работу',
                'Новых клиентов',
                'Подписано сделок',
              ].map((title) => (
                <TableCell key={title} px="default" style={{ ...whole, whiteSpace: 'normal' }}>
                  {title}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {home.departments.map((department) => (
              <DepartmentRow key={department.id} department={department} />
            ))}
          </TableBody>
        </Table>
      </Box>
      <Box flex flexDirection="row" flexWrap="wrap" alignItems="baseline" mt="xl">
        {home.annual && (
          <Box mr="xxl" data-testid="committee-annual">
            <Text>Годовая статистика по работе с компаниями</Text>
            <ReportLink report={home.annual} label={annualLabel(home.annual)} />
          </Box>
        )}
        <Link href="/admin/resources/Report">Все отчёты</Link>
      </Box>
    </Box>
  );
};

const Dashboard: React.FC = () => {
  const [data, setData] = useState<DashboardData | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    api
      .getDashboard()
      .then((response) => setData(response.data as DashboardData))
      .catch(() => setFailed(true));
  }, []);

  return (
    <Box variant="grey">
      <Box variant="white" p="xl">
        <H2>{data ? `Здравствуйте, ${data.userName}!` : 'Kosino CRM'}</H2>
        <Text>
          {data
            ? roleDescriptions[data.role]
            : failed
              ? 'Не удалось загрузить главную страницу — обновите её.'
              : 'Загрузка…'}
        </Text>
        {data?.warnings.map((warning) => (
          <Box mt="lg" key={warning.text} data-testid="dashboard-warning">
            <MessageBox message={warning.text} variant="danger">
              <Link href={warning.link.href}>{warning.link.label}</Link>
            </MessageBox>
          </Box>
        ))}
      </Box>
      {data?.counters && <Counters counters={data.counters} />}
      {data?.week && <Week week={data.week} />}
      {data?.committee && <CommitteeHome home={data.committee} />}
    </Box>
  );
};

export default Dashboard;
