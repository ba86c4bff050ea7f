import React from 'react';
import { DropZone, DropZoneItem, FormGroup, Label } from '@adminjs/design-system';
import { flat, useTranslation, type EditPropertyProps } from 'adminjs';

/**
 * The «Файлы» field of a history event's form, in place of @adminjs/upload's own edit component
 * (which passes its drop zone no texts, so it spoke English): the same drop zone and list of the
 * files already attached (a removed one goes to `filesToDelete`), with Russian texts. What may be
 * uploaded is checked again on the server (attachments.ts).
 */
interface UploadCustom {
  fileProperty: string;
  filePathProperty: string;
  keyProperty: string;
  filesToDeleteProperty: string;
  mimeTypes?: string[];
  maxSize?: number;
}

const FilesEdit: React.FC<EditPropertyProps> = ({ property, record, onChange }) => {
  const { translateProperty } = useTranslation();
  const custom = property.custom as UploadCustom;
  const keys = (flat.get(record.params, custom.keyProperty) as string[] | undefined) ?? [];
  const paths = (flat.get(record.params, custom.filePathProperty) as (string | null)[] | undefined) ?? [];
  const [chosen, setChosen] = React.useState<File[]>([]);
  const megabytes = custom.maxSize ? Math.round(custom.maxSize / 1024 / 1024) : null;

  const choose = (files: File[]) => {
    setChosen(files);
    onChange(custom.fileProperty, files);
  };
  const remove = (index: number) => {
    const toDelete = (flat.get(record.params, custom.filesToDeleteProperty) as number[] | undefined) ?? [];
    let params = flat.set(record.params, custom.filesToDeleteProperty, [...toDelete, index]);
    params = flat.set(
      params,
      custom.filePathProperty,
      paths.map((path, at) => (at === index ? null : path)),
    );
    onChange({ ...record, params });
  };

  return (
    <FormGroup>
      <Label>{translateProperty(property.label, property.resourceId)}</Label>
      <DropZone
        multiple
        files={chosen}
        onChange={choose}
        validate={{ mimeTypes: custom.mimeTypes as never, maxSize: custom.maxSize }}
        translations={{
          placeholder: 'Перетащите файлы сюда или нажмите, чтобы выбрать',
          acceptedSize: megabytes ? `Не больше ${megabytes} МБ` : '',
          acceptedType: 'PDF, Word, Excel, ODT, ODS, CSV, текст, JPEG, PNG, ZIP, письмо (.eml)',
          unsupportedSize: 'Файл {{fileName}} слишком большой',
          unsupportedType: 'Файлы такого типа не принимаются: {{fileName}}',
        }}
      />
      {keys.map((key, index) =>
        paths[index] ? (
          <DropZoneItem
            key={key}
            filename={key}
            src={paths[index] ?? undefined}
            onRemove={() => remove(index)}
          />
        ) : null,
      )}
    </FormGroup>
  );
};

export default FilesEdit;
