import * as vscode from 'vscode';
import type { Logger } from '../core/types';

/** The "Sourced Briefings" log, as the core's Logger. */
export function createLogger(): { channel: vscode.LogOutputChannel; logger: Logger } {
  const channel = vscode.window.createOutputChannel('Sourced Briefings', { log: true });
  return {
    channel,
    logger: {
      info: (m) => channel.info(m),
      warn: (m) => channel.warn(m),
      error: (m) => channel.error(m),
    },
  };
}
