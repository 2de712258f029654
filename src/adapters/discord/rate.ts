// Discord allows 50 requests a second per bot token; the scheduler's sends (reminders) share
// this budget across every instance through the database. 48 leaves headroom for jitter.
// Kept free of imports so app.ts can read it without loading discord.js.
export const DISCORD_SENDS_PER_SECOND = 48;
