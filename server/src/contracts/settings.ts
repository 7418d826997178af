/**
 * The Settings page's answers. The admin reads and patches settings by path (`related.listSize`);
 * their shape and bounds are the server's config schema, hence the parameter.
 */

export interface SettingsAnswer<Settings extends object = object> {
  settings: Settings;
  /** A rebuild of the related index was started because related settings changed. */
  rebuildStarted: boolean;
}

/** GET /newsroom/settings: the settings in force; a purge token shows as `(set)`. */
export declare namespace GetSettings {
  interface Response {
    data: SettingsAnswer;
  }
}

/** PUT /newsroom/settings: a nested patch of `related`, `rankings`, `counters` or `publicAccess`. */
export declare namespace UpdateSettings {
  interface Request {
    body: Record<string, unknown>;
  }
  interface Response {
    data: SettingsAnswer;
  }
}
