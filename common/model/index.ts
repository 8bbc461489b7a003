export * from './sync-fields';
export * from './account';
export * from './field-history';
export * from './contact';
export * from './usage';
export * from './activity';
export * from './revenue';
export * from './preference';
