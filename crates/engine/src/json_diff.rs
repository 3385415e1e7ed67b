//! One difference and one patch for JSON, which both a link's assumption changes and an
//! assumptions file's per-market overrides are made of.
//!
//! A change is a JSON pointer (RFC 6901) and the value to merge there, read as RFC 7386's merge
//! patch reads it: an object merges into an object member by member, null removes the member,
//! anything else replaces it. Removing and "none" are the same thing here, because every
//! optional field of the assumptions defaults to none when absent; a map entry (a market's
//! override) must be removable, which a stored null could not do.
//!
//! A link carries the changes as a list (`pointer=value` parts); an overrides file carries them
//! as one merge-patch object ([`to_merge_patch`], [`changes_in`] go between the two).

use serde_json::{Map, Value};

use crate::phrase::Phrase;

/// Where (a JSON pointer, `""` for the whole document) and what to merge there.
pub type Change = (String, Value);

/// How `current` differs from `base`: applied to `base` in turn, the changes give `current`.
/// Objects are compared member by member; a member `current` lacks comes back as null; any
/// other value that differs (an array included) is given whole.
pub fn diff(base: &Value, current: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    diff_into(base, current, String::new(), &mut out);
    out
}

fn diff_into(base: &Value, current: &Value, path: String, out: &mut Vec<Change>) {
    match (base, current) {
        (Value::Object(b), Value::Object(c)) => {
            for (key, value) in c {
                let child = format!("{path}/{}", escape(key));
                match b.get(key) {
                    Some(old) => diff_into(old, value, child, out),
                    None => out.push((child, value.clone())),
                }
            }
            for key in b.keys().filter(|k| !c.contains_key(*k)) {
                out.push((format!("{path}/{}", escape(key)), Value::Null));
            }
        }
        _ if base == current => {}
        _ => out.push((path, current.clone())),
    }
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn unescape(key: &str) -> String {
    key.replace("~1", "/").replace("~0", "~")
}

/// The pointer's keys, unescaped; an error for text that is not a pointer.
pub fn pointer_keys(pointer: &str) -> Result<Vec<String>, Phrase> {
    if pointer.is_empty() {
        return Ok(Vec::new());
    }
    match pointer.strip_prefix('/') {
        Some(rest) => Ok(rest.split('/').map(unescape).collect()),
        None => Err(phrase!("\"{}\" is not a JSON pointer", pointer)),
    }
}

/// Merges `value` into `target` at `pointer`: exactly as merging the object that holds
/// `value` at that pointer, so a change and an overrides object read alike. Objects on the way
/// are made (a value in their place is replaced, as a merge patch would).
pub fn apply(target: &mut Value, pointer: &str, value: &Value) -> Result<(), Phrase> {
    let patch = pointer_keys(pointer)?
        .into_iter()
        .rev()
        .fold(value.clone(), |inner, key| {
            Value::Object(Map::from_iter([(key, inner)]))
        });
    merge(target, &patch);
    Ok(())
}

/// RFC 7386's merge: an object merges member by member into an object, null removes, anything
/// else replaces.
fn merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (key, value) in p {
                if value.is_null() {
                    t.remove(key);
                } else {
                    merge(t.entry(key.clone()).or_insert(Value::Null), value);
                }
            }
        }
        (t, p) => *t = without_nulls(p),
    }
}

/// A value put where there was none keeps no null members: they would mean "remove", and
/// there is nothing to remove.
fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The changes as one merge-patch object (an overrides file's form): each value at its
/// pointer, null kept so that it still removes. A change to the whole document takes its place.
pub fn to_merge_patch(changes: &[Change]) -> Value {
    let mut patch = Value::Object(Map::new());
    for (pointer, value) in changes {
        let Ok(keys) = pointer_keys(pointer) else {
            continue;
        };
        let mut node = &mut patch;
        for key in keys {
            node = member(node, key);
        }
        *node = value.clone();
    }
    patch
}

/// `node`'s member `key`, made (and `node` made an object) when missing.
fn member(node: &mut Value, key: String) -> &mut Value {
    if !node.is_object() {
        *node = Value::Object(Map::new());
    }
    match node {
        Value::Object(map) => map.entry(key).or_insert(Value::Null),
        other => other,
    }
}

/// The changes a merge-patch object makes, one per value it sets: objects are walked into
/// (they merge), anything else is one change. An empty object is one change too: merged into
/// an object it changes nothing, anywhere else it replaces.
pub fn changes_in(patch: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    leaves(patch, String::new(), &mut out);
    out
}

fn leaves(value: &Value, path: String, out: &mut Vec<Change>) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, child) in map {
                leaves(child, format!("{path}/{}", escape(key)), out);
            }
        }
        _ => out.push((path, value.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn a_diff_applied_to_its_base_gives_the_current_value() {
        let base = json!({"a": 1, "b": {"c": [1, 2], "d": "x", "gone": true}, "m": {}});
        let current =
            json!({"a": 2, "b": {"c": [1, 3], "d": "x", "new/key~": 5}, "m": {"HKG": {"p": 1}}});
        let changes = diff(&base, &current);
        assert_eq!(changes.len(), 5, "{changes:?}");
        let mut patched = base.clone();
        for (pointer, value) in &changes {
            apply(&mut patched, pointer, value).unwrap();
        }
        assert_eq!(patched, current);
        assert!(apply(&mut patched, "no-slash", &json!(1)).is_err());
        apply(&mut patched, "/a/b", &json!(1)).unwrap();
        assert_eq!(
            patched["a"],
            json!({"b": 1}),
            "a value on the way is replaced"
        );
    }

    #[test]
    fn null_removes_in_both_forms() {
        let base = json!({"markets": {"HKG": {"p": 1}, "TWN": {"p": 2}}, "vat": 5});
        let current = json!({"markets": {"TWN": {"p": 2}}});
        let changes = diff(&base, &current);
        let mut by_list = base.clone();
        for (pointer, value) in &changes {
            apply(&mut by_list, pointer, value).unwrap();
        }
        let mut by_object = base.clone();
        apply(&mut by_object, "", &to_merge_patch(&changes)).unwrap();
        assert_eq!(by_list, current);
        assert_eq!(by_object, current);
    }

    #[test]
    fn an_empty_object_merges_into_an_object_and_replaces_a_value() {
        let mut value = json!({"a": {"b": 1}, "n": 3});
        apply(&mut value, "", &json!({"a": {}, "n": {}})).unwrap();
        assert_eq!(value, json!({"a": {"b": 1}, "n": {}}));
    }

    #[test]
    fn a_merge_patch_lists_its_leaves() {
        let patch = json!({"a": {"b": 1, "c": {}}, "d/e": null});
        assert_eq!(
            changes_in(&patch),
            vec![
                ("/a/b".to_owned(), json!(1)),
                ("/a/c".to_owned(), json!({})),
                ("/d~1e".to_owned(), Value::Null),
            ]
        );
    }

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            (-5i64..5).prop_map(Value::from),
            "[a-c]{0,2}".prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
                prop::collection::btree_map("[a-c/~]{1,2}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// A document as the assumptions serialise: an object whose members hold no null (an
    /// absent optional field is left out, not written as null).
    fn document() -> impl Strategy<Value = Value> {
        prop::collection::btree_map("[a-c/~]{1,2}", json_value(), 0..4)
            .prop_map(|m| without_nulls(&Value::Object(m.into_iter().collect())))
    }

    proptest! {
        #[test]
        fn the_list_and_the_object_form_both_rebuild_the_current_document(
            base in document(), current in document()
        ) {
            let changes = diff(&base, &current);
            let mut by_list = base.clone();
            for (pointer, value) in &changes {
                prop_assert!(apply(&mut by_list, pointer, value).is_ok());
            }
            let mut by_object = base.clone();
            prop_assert!(apply(&mut by_object, "", &to_merge_patch(&changes)).is_ok());
            prop_assert_eq!(&by_list, &current);
            prop_assert_eq!(&by_object, &current);
            prop_assert!(diff(&current, &by_list).is_empty());
        }

        #[test]
        fn an_object_and_its_changes_merge_alike(base in document(), patch in document()) {
            let mut whole = base.clone();
            prop_assert!(apply(&mut whole, "", &patch).is_ok());
            let mut one_by_one = base.clone();
            for (pointer, value) in changes_in(&patch) {
                prop_assert!(apply(&mut one_by_one, &pointer, &value).is_ok());
            }
            prop_assert_eq!(whole, one_by_one);
        }
    }
}
