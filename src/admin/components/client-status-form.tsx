import React, { useEffect, useState } from 'react';
import {
  Box,
  Button,
  CheckBox,
  FormGroup,
  Label,
  MessageBox,
  Select,
  Text,
  TextArea,
} from '@adminjs/design-system';
import { useTranslation, type ActionProps } from 'adminjs';

import { loadRecordAction, postRecordAction, type BoardFormProps } from './post-action.js';

/**
 * The form of a client's status actions (docs/product.md §3): «Сменить статус» (the next detail item, or
 * «этап пройден» for a stage without one), «Установить этап вручную», «Деактивировать» (with the
 * reason), «Активировать», and the contract's follow-up. Posts to the action, whose handler calls
 * ClientStatusService; field messages come back from it. The remark is a mini-block: hidden until
 * its checkbox is ticked.
 */

interface StatusOptions {
  stage: { name: string; hint: string };
  itemName: string | null;
  items: { id: number; name: string; completes: boolean; fails: boolean }[];
  canPassStage: boolean;
  nextStage: string | null;
  stages: { id: number; name: string }[];
}

const radio = (name: string, value: string, checked: boolean, onChange: () => void, label: string) => (
  <Box key={`${name}-${value}`} mb="sm">
    <label>
      <input type="radio" name={name} value={value} checked={checked} onChange={onChange} /> {label}
    </label>
  </Box>
);

const ClientStatusForm: React.FC<ActionProps & BoardFormProps> = ({
  action,
  resource,
  record,
  onDone,
  initialValues,
}) => {
  const { translateAction } = useTranslation();
  const [options, setOptions] = useState<StatusOptions | null>(null);
  const [values, setValues] = useState<Record<string, string>>(initialValues ?? {});
  const [withRemark, setWithRemark] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const set = (name: string, value: string) => setValues((current) => ({ ...current, [name]: value }));
  const needsOptions = action.name === 'changeStatus' || action.name === 'setStage';

  useEffect(() => {
    if (!needsOptions) return;
    loadRecordAction<{ statusOptions?: StatusOptions }>(resource.id, String(record?.id), action.name)
      .then((data) => setOptions(data.statusOptions ?? null))
      .catch(() => setMessage('Не удалось загрузить этапы воронки. Обновите страницу.'));
  }, [action.name, resource.id, record?.id, needsOptions]);

  const send = async (event: React.FormEvent) => {
    event.preventDefault();
    setSending(true);
    const data: Record<string, string> = { ...values, expectedVersion: String(record?.params.version ?? '') };
    if (!withRemark && action.name !== 'deactivate') delete data.remark;
    const result = await postRecordAction(resource.id, String(record?.id), action.name, data, {
      stay: Boolean(onDone),
    });
    if (result.done) onDone?.();
    if (!result.done) {
      setErrors(result.fieldErrors);
      setMessage(result.message);
    }
    setSending(false);
  };

  const remark = (label: string, required = false) =>
    required ? (
      <FormGroup error={Boolean(errors.reason)}>
        <Label required htmlFor="client-status-reason">
          {label}
        </Label>
        <TextArea
          id="client-status-reason"
          name="reason"
          rows={4}
          width="100%"
          value={values.reason ?? ''}
          onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => set('reason', event.target.value)}
        />
        {errors.reason && <Text color="error">{errors.reason}</Text>}
      </FormGroup>
    ) : (
      <FormGroup error={Boolean(errors.remark)}>
        <Box mb="sm">
          <CheckBox
            id="client-status-with-remark"
            checked={withRemark}
            onChange={() => setWithRemark(!withRemark)}
          />
          <Label inline htmlFor="client-status-with-remark" ml="default">
            {label}
          </Label>
        </Box>
        {withRemark && (
          <TextArea
            id="client-status-remark"
            name="remark"
            rows={4}
            width="100%"
            value={values.remark ?? ''}
            onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => set('remark', event.target.value)}
          />
        )}
        {errors.remark && <Text color="error">{errors.remark}</Text>}
      </FormGroup>
    );

  return (
    <Box as="form" onSubmit={send} variant="white" p="xl">
      {message && (
        <Box mb="lg">
          <MessageBox message={message} variant="danger" />
        </Box>
      )}
      {options && (
        <Text mb="lg">
          Сейчас: <b>{options.stage.name}</b>
          {options.itemName ? ` — ${options.itemName}` : ''}. {options.stage.hint}
        </Text>
      )}
      {action.name === 'changeStatus' && options && (
        <FormGroup error={Boolean(errors.itemId)}>
          <Label required>Следующий пункт детализации</Label>
          {options.items.map((item) =>
            radio(
              'itemId',
              String(item.id),
              values.itemId === String(item.id),
              () => set('itemId', String(item.id)),
              item.completes && options.nextStage
                ? `${item.name} (переход к этапу «${options.nextStage}»)`
                : item.name,
            ),
          )}
          {options.canPassStage &&
            radio(
              'itemId',
              'pass',
              values.itemId === 'pass',
              () => set('itemId', 'pass'),
              `Этап пройден${options.nextStage ? ` — перейти к этапу «${options.nextStage}»` : ''}`,
            )}
          {options.items.length === 0 && !options.canPassStage && (
            <Text>На этом этапе пунктов не осталось.</Text>
          )}
          {errors.itemId && <Text color="error">{errors.itemId}</Text>}
        </FormGroup>
      )}
      {action.name === 'setStage' && options && (
        <FormGroup error={Boolean(errors.stageId)}>
          <Label required>Этап</Label>
          <Select
            inputId="client-status-stage"
            options={options.stages.map((stage) => ({ value: String(stage.id), label: stage.name }))}
            value={options.stages
              .filter((stage) => String(stage.id) === values.stageId)
              .map((stage) => ({ value: String(stage.id), label: stage.name }))}
            onChange={(selected: { value: string } | null) => set('stageId', selected?.value ?? '')}
          />
          {errors.stageId && <Text color="error">{errors.stageId}</Text>}
        </FormGroup>
      )}
      {action.name === 'contractFollowUp' && (
        <>
          <FormGroup error={Boolean(errors.depositPaid)}>
            <Label>Оплата обеспечительного платежа</Label>
            {radio(
              'depositPaid',
              'true',
              values.depositPaid === 'true',
              () => set('depositPaid', 'true'),
              'Оплачено',
            )}
            {radio(
              'depositPaid',
              'false',
              values.depositPaid === 'false',
              () => set('depositPaid', 'false'),
              'Не оплачено',
            )}
            {errors.depositPaid && <Text color="error">{errors.depositPaid}</Text>}
          </FormGroup>
          <FormGroup>
            <Label>Подписание акта приёма-передачи</Label>
            {radio(
              'acceptanceActSigned',
              'true',
              values.acceptanceActSigned === 'true',
              () => set('acceptanceActSigned', 'true'),
              'Подписан',
            )}
            {radio(
              'acceptanceActSigned',
              'false',
              values.acceptanceActSigned === 'false',
              () => set('acceptanceActSigned', 'false'),
              'Не подписан',
            )}
          </FormGroup>
        </>
      )}
      {action.name === 'deactivate' ? remark('Причина', true) : remark('Добавить комментарий')}
      <Button type="submit" variant="contained" disabled={sending}>
        {translateAction(action.name, resource.id)}
      </Button>
    </Box>
  );
};

export default ClientStatusForm;
