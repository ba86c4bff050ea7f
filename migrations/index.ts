// Every migration, in order. `npm run migration:generate -- Name` appends new ones here.
import { Init1795739216259 } from './1795739216259-Init.js';
export const migrations: Function[] = [Init1795739216259];
