/*
 * A second process for the lock tests: takes the host lock of a data folder as a host does,
 * announces an address, prints "held", and waits to be killed.
 */
import { lockHostDataDir } from '../../../src/main/host/data-dir-lock';
import { DisposableStore } from '../../../src/shared/disposables';

const [dataDir = '', url = ''] = process.argv.slice(2);
const lock = lockHostDataDir({ dataDir, officer: false }, new DisposableStore(), () => undefined);
lock.announce(url);
process.stdout.write('held\n');
setInterval(() => undefined, 60_000);
