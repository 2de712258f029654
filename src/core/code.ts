// Moved to ./code/ (normalise, find, messages, index); kept so importers need not change.
export * from './code/index';
