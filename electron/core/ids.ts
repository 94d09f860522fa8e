// Time-ordered ids (UUIDv7): they sort by creation, so the outbox id doubles as the order of user actions.
import { v7 } from 'uuid';

export function newId(): string {
  return v7();
}
