// Whether the window reaches the app's core (the browser host's socket; always in the desktop window).
import { Store } from '../../app/store';

export class ConnectionStore extends Store<{ coreConnected: boolean }> {
  constructor() {
    super({ coreConnected: true });
  }

  setConnected(coreConnected: boolean): void {
    this.set(this.get().coreConnected === coreConnected ? this.get() : { coreConnected });
  }
}
