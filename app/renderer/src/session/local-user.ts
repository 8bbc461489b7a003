/**
 * Until sign-in exists, imports belong to the person at this device: accounts without an owner column are theirs.
 */
export const LOCAL_USER = { ownerId: 'me', ownerName: 'You', teamId: 'local' } as const;
