import { runContractSuite } from '../../contract/suite';
import { DB_KINDS } from '../../helpers/db';
import { terminalDriver } from './driver';

for (const db of DB_KINDS) runContractSuite(`terminal on ${db}`, () => terminalDriver(db));
