using Gateway.Generator.Parsing;

namespace Gateway.LanguageServer.Features;

/// <summary>
/// What a key path means in <see cref="ConfigSchema"/>: a schema key (<see cref="Field"/> set), or the
/// user-chosen name of an entry of a map such as <c>[providers.openai]</c> (<see cref="MapEntryOf"/> set).
/// <see cref="Table"/> is the table whose keys may follow the path (null for scalars).
/// </summary>
internal sealed record SchemaNode(string DottedPath, SchemaField? Field, SchemaField? MapEntryOf, TableSchema? Table);
