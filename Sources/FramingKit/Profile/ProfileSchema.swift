/// The JSON Schema (draft 2020-12) every profile validates against; the file is `schema/profile.schema.json`.
public enum ProfileSchema {
  public static var json: String { EmbeddedSchema.profile }
}
