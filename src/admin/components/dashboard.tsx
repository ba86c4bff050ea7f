import React, { useEffect, useState } from 'react';
import { Box, H2, MessageBox, Text } from '@adminjs/design-system';
import { ApiClient } from 'adminjs';

interface DashboardData {
  userName: string;
  role: 'admin' | 'manager' | 'committee';
  warnings: string[];
}

const roleDescriptions: Record<DashboardData['role'], string> = {
  admin: 'Вы администратор: ведёте справочники и пользователей, видите все разделы.',
  manager: 'Вы менеджер: работаете с лидами, клиентами и сделками в разделе «CRM».',
  committee: 'Вы член комитета: вам доступны отчёты в разделе «Отчёты».',
};

const api = new ApiClient();

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
          <Box mt="lg" key={warning}>
            <MessageBox message={warning} variant="danger" />
          </Box>
        ))}
      </Box>
    </Box>
  );
};

export default Dashboard;
