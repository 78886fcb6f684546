import { vi } from 'vitest';

/**
 * Silences process.stdout and process.stderr for a test (call in beforeEach; vi.restoreAllMocks
 * in afterEach undoes it), handing what is written to stderr to `onStderr`.
 */
export function muteOutput(onStderr: (text: string) => void): void {
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    onStderr(String(s));
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
}
