import React, { useState } from 'react';
import { Box, Button, MessageBox, Text } from '@adminjs/design-system';
import { useTranslation, type ActionProps } from 'adminjs';

import { postRecordAction } from './post-action.js';

/** «Подписать», «Завершить», «Отменить» of a deal: what happens, then one button; DealService decides. */
const explanations: Record<string, string> = {
  sign: 'Сделка будет подписана: строки больше не меняются, помещения займутся на срок каждой строки. Подписание договора попадёт в историю клиента.',
  close: 'Сделка будет завершена: она выполнена, ничего больше не меняется.',
  cancel: 'Сделка будет отменена: её помещения снова свободны.',
};

const DealConfirmForm: React.FC<ActionProps> = ({ action, resource, record }) => {
  const { translateAction } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const send = async (event: React.FormEvent) => {
    event.preventDefault();
    setSending(true);
    const result = await postRecordAction(resource.id, String(record?.id), action.name, {
      expectedVersion: String(record?.params.version ?? ''),
    });
    if (!result.done) setMessage(result.message);
    setSending(false);
  };
  return (
    <Box as="form" onSubmit={send} variant="white" p="xl">
      {message && (
        <Box mb="lg">
          <MessageBox message={message} variant="danger" />
        </Box>
      )}
      <Text mb="lg">{explanations[action.name]}</Text>
      <Button type="submit" variant="contained" disabled={sending}>
        {translateAction(action.name, resource.id)}
      </Button>
    </Box>
  );
};

export default DealConfirmForm;
