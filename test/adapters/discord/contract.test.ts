// The shared contract suite, driven through Discord's wire: gateway dispatches into the
// unmodified discord.js client, replies read back from the fake REST API.
import { runContractSuite } from '../../contract/suite';
import { DB_KINDS } from '../../helpers/db';
import { discordContractDriver } from '../../fakes/discord/driver';

for (const db of DB_KINDS) runContractSuite(`discord on ${db}`, () => discordContractDriver(db));
