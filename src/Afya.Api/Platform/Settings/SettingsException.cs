namespace Afya.Api.Platform.Settings;

// A setting that cannot be used; the message names it so start-up fails with a clear reason.
public sealed class SettingsException(string message) : Exception(message);
