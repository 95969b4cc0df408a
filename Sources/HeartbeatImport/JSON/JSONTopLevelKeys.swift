import Foundation

/// The keys of a JSON document's top-level object, or `nil` when it is not a well-formed object.
/// Used only after a decode failed, to tell "this is some other file" from "this file is damaged".
func topLevelKeys(of data: Data) -> Set<String>? {
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
    return Set(object.keys)
}
