// The shared contract suite, driven through Slack's wire: signed HTTP into Bolt, fake Web API out.
import { runContractSuite } from '../../contract/suite';
import { DB_KINDS } from '../../helpers/db';
import { slackDriver } from '../../fakes/slack/driver';

for (const db of DB_KINDS) runContractSuite(`slack on ${db}`, () => slackDriver(db));
