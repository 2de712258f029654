// What the contract suite needs from an adapter: act as a user on the platform's wire and
// report what that user saw. Every adapter (terminal, Slack, Discord) provides one.

export interface SeenButton {
  /** Opaque handle the driver understands when pressed. */
  handle: string;
  label: string;
}

export interface Seen {
  text: string;
  /** Only the user could see it (ephemeral or DM). */
  private: boolean;
  buttons: SeenButton[];
  /** A private-input form was opened (modal / hidden prompts). */
  form?: { handle: string };
  /** Inline form errors, by field id where the platform shows them per field. */
  formErrors?: string[];
}

export interface DirectMessage {
  text: string;
  deleted: boolean;
}

export interface ContractDriver {
  readonly name: string;
  command(args: string): Promise<Seen[]>;
  message(text: string): Promise<Seen[]>;
  press(button: SeenButton): Promise<Seen[]>;
  /** Submits the currently open form; `values` in the form's field order (code, pin, pin2…). */
  submit(form: { handle: string }, values: Record<string, string>): Promise<Seen[]>;
  /** Every DM the bot sent this user (the revealed code goes here). */
  directMessages(): DirectMessage[];
  /** Runs due durable jobs as if `ms` had passed. */
  advance(ms: number): Promise<void>;
  /** Everything that went out to the platform or the screen and was not a DM (for canary checks). */
  nonPrivateTraffic(): string[];
  logs(): string[];
  dumpAllTables(): Promise<string>;
  close(): Promise<void>;
}

export type DriverFactory = () => Promise<ContractDriver>;
