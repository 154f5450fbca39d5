using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Afya.Api.Platform.Data;

// EF names its parameters (@slug); PostgreSQL numbers them ($1). Npgsql bridges the two by parsing the statement's
// text on every execution, prepared or not: 5 % of an uncached product page's CPU for its 3.5 KB statement. EF hands
// every execution of a query shape the same text instance, so the numbered text is written once per instance and
// the parameters lose their names: Npgsql then sends text and values as they are. Anything this scan does not fully
// understand (several statements, dollar quotes, escape strings, block comments) is left to Npgsql unchanged.
internal sealed class PositionalParameters : DbCommandInterceptor
{
    public static readonly PositionalParameters Instance = new();
    private static readonly ConditionalWeakTable<string, Numbered> Texts = new();

    // Text null: left to Npgsql. Names: the parameters, in the command's order, the text was numbered for.
    private sealed record Numbered(string? Text, string[] Names);

    // Once per command, after EF has set its text and parameters and before any kind of execution. Raw SQL (FromSql,
    // ExecuteSql) may carry the caller's own DbParameter objects, which keep their names: a caller that reused one
    // would find it nameless and its text unnumbered.
    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        if (eventData.CommandSource is not (CommandSource.FromSqlQuery or CommandSource.ExecuteSqlRaw)) Apply(result);
        return result;
    }

    internal static void Apply(DbCommand command)
    {
        var parameters = command.Parameters;
        if (parameters.Count == 0 || command.CommandType != CommandType.Text) return;
        var text = command.CommandText;
        if (!Texts.TryGetValue(text, out var numbered))
        {
            var names = new string[parameters.Count];
            for (var i = 0; i < names.Length; i++) names[i] = parameters[i].ParameterName;
            numbered = new Numbered(Number(text, names), names);
            Texts.AddOrUpdate(text, numbered);
        }
        if (numbered.Text is null || numbered.Names.Length != parameters.Count) return;
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            if (p.Direction != ParameterDirection.Input || !string.Equals(p.ParameterName, numbered.Names[i], StringComparison.Ordinal)) return;
        }
        command.CommandText = numbered.Text;
        for (var i = 0; i < parameters.Count; i++) parameters[i].ParameterName = "";
    }

    // @name becomes $n, n the parameter's place in the command (names compared as Npgsql does, ignoring case and a
    // leading @ or :); null when the text is not one plain statement or leaves a parameter unused.
    internal static string? Number(string text, string[] names)
    {
        var places = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i].TrimStart('@', ':');
            if (name.Length == 0 || !places.TryAdd(name, i + 1)) return null;
        }
        var sb = new System.Text.StringBuilder(text.Length);
        var used = new bool[names.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (c is ';' or '$' || (c == '/' && next == '*')) return null;
            if (c is '\'' or '"')
            {
                if (c == '\'' && i > 0 && text[i - 1] is 'E' or 'e' && (i == 1 || !IsWordChar(text[i - 2]))) return null;
                var end = i + 1;
                while (true)
                {
                    end = text.IndexOf(c, end);
                    if (end < 0) return null;
                    if (end + 1 < text.Length && text[end + 1] == c) { end += 2; continue; }
                    break;
                }
                sb.Append(text, i, end - i + 1);
                i = end;
                continue;
            }
            if (c == '-' && next == '-')
            {
                var end = text.IndexOf('\n', i);
                if (end < 0) end = text.Length - 1;
                sb.Append(text, i, end - i + 1);
                i = end;
                continue;
            }
            if (c == '@' && IsWordChar(next) && (i == 0 || !IsWordChar(text[i - 1]) && text[i - 1] != '@'))
            {
                var end = i + 1;
                while (end < text.Length && IsWordChar(text[end])) end++;
                if (places.TryGetValue(text[(i + 1)..end], out var place))
                {
                    sb.Append('$').Append(place);
                    used[place - 1] = true;
                    i = end - 1;
                    continue;
                }
            }
            sb.Append(c);
        }
        // Npgsql sends only the parameters a named text uses, a numbered text gets them all: an unused one would reach
        // PostgreSQL with no place to infer its type from.
        return Array.TrueForAll(used, u => u) ? sb.ToString() : null;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
