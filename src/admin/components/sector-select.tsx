import React, { useEffect, useState } from 'react';
import { Box, Text } from '@adminjs/design-system';
import { ApiClient, BasePropertyComponent, type BasePropertyProps } from 'adminjs';

/** «Профиль клиента»: the usual select, with the chosen sector's description beside it. */
const api = new ApiClient();

const SectorSelect: React.FC<BasePropertyProps> = (props) => {
  const [descriptions, setDescriptions] = useState<Record<string, string>>({});
  useEffect(() => {
    api
      .resourceAction({ resourceId: props.resource.id, actionName: 'sectorDescriptions' })
      .then((response) => {
        const sectors = (response.data as { sectors?: { id: number; description: string }[] }).sectors ?? [];
        setDescriptions(Object.fromEntries(sectors.map((sector) => [String(sector.id), sector.description])));
      })
      .catch(() => setDescriptions({}));
  }, [props.resource.id]);
  const chosen = String(props.record?.params?.[props.property.path] ?? '');
  return (
    <Box>
      <BasePropertyComponent {...props} property={{ ...props.property, components: undefined }} />
      {descriptions[chosen] && (
        <Text mt="-lg" mb="xl" color="grey60" data-testid="sector-description">
          {descriptions[chosen]}
        </Text>
      )}
    </Box>
  );
};

export default SectorSelect;
