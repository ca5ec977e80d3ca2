//! Derived types in the generated crate: a collection of directoryObject
//! holding `#microsoft.graph.user` yields a `User` with the base's fields,
//! and a derived type no page describes is kept whole, not dropped.

use graph_client::runtime::{testing::json_equivalent, Collection, Field};
use graph_client::v1_0::models::AnyDirectoryObject;

const MEMBERS: &str = r##"{
  "value": [
    {"@odata.type": "#microsoft.graph.user", "id": "u1", "displayName": "Adele", "accountEnabled": true, "deletedDateTime": null},
    {"@odata.type": "#Microsoft.Graph.Group", "id": "g1", "mailEnabled": false},
    {"@odata.type": "#microsoft.graph.orgContact", "id": "c1", "companyName": "Fabrikam"},
    {"id": "x1"}
  ]
}"##;

#[test]
fn members_deserialize_to_their_own_types() {
    let page: Collection<AnyDirectoryObject> = serde_json::from_str(MEMBERS).unwrap();
    match &page.value[0] {
        AnyDirectoryObject::User(user) => {
            assert_eq!(user.display_name, Field::Value("Adele".to_owned()));
            assert_eq!(user.account_enabled, Field::Value(true));
            // A base type's property, on the derived type, null kept.
            assert_eq!(user.deleted_date_time, Field::Null);
            assert_eq!(user.id, Field::Value("u1".to_owned()));
        }
        other => panic!("expected a user, got {other:?}"),
    }
    assert!(
        matches!(&page.value[1], AnyDirectoryObject::Group(g) if g.mail_enabled == Field::Value(false)),
        "@odata.type is matched without regard to case"
    );
    match &page.value[2] {
        AnyDirectoryObject::DirectoryObject(other) => {
            assert_eq!(other.odata_type, Field::Value("#microsoft.graph.orgContact".to_owned()));
            assert_eq!(other.additional_properties.get_as::<String>("companyName").unwrap().unwrap(), "Fabrikam");
        }
        other => panic!("an undescribed derived type is the base variant, got {other:?}"),
    }
    assert!(matches!(&page.value[3], AnyDirectoryObject::DirectoryObject(_)));
}

#[test]
fn members_serialize_back_unchanged() {
    let page: Collection<AnyDirectoryObject> = serde_json::from_str(MEMBERS).unwrap();
    let original: serde_json::Value = serde_json::from_str(MEMBERS).unwrap();
    assert!(json_equivalent(&original, &serde_json::to_value(&page).unwrap()));
}

/// The members again, `@odata.type` moved last (JSON a user wrote: Graph
/// writes it first), with a value before it that needs unescaping.
const MEMBERS_TAG_LAST: &str = r##"{
  "value": [
    {"id": "u1", "displayName": "Ad\u00e8le", "accountEnabled": true, "deletedDateTime": null, "@odata.type": "#microsoft.graph.user"},
    {"id": "g1", "mailEnabled": false, "@odata.type": "#Microsoft.Graph.Group"},
    {"id": "c1", "companyName": "Fabrikam", "@odata.type": "#microsoft.graph.orgContact"},
    {"id": "x1"}
  ]
}"##;

#[test]
fn members_read_alike_wherever_the_tag_is_and_whatever_reads_them() {
    let first: Collection<AnyDirectoryObject> = serde_json::from_str(&MEMBERS.replace("Adele", "Adèle")).unwrap();
    let from_text: Collection<AnyDirectoryObject> = serde_json::from_str(MEMBERS_TAG_LAST).unwrap();
    let from_bytes: Collection<AnyDirectoryObject> = serde_json::from_slice(MEMBERS_TAG_LAST.as_bytes()).unwrap();
    // A reader's text is owned: kept whole and read again.
    let from_reader: Collection<AnyDirectoryObject> = serde_json::from_reader(MEMBERS_TAG_LAST.as_bytes()).unwrap();
    for (how, page) in [("text", &from_text), ("bytes", &from_bytes), ("a reader", &from_reader)] {
        assert_eq!(page.value.len(), 4, "{how}");
        for (got, want) in page.value.iter().zip(&first.value) {
            // The same variant and fields; the unknown properties in the
            // order they came.
            assert_eq!(got, want, "{how}");
        }
    }
    // Given twice, the tag is refused as any property given twice is.
    let twice = r##"{"id": "u1", "@odata.type": "#microsoft.graph.user", "@odata.type": "#microsoft.graph.group"}"##;
    let err = serde_json::from_str::<AnyDirectoryObject>(twice).unwrap_err();
    assert!(err.to_string().contains("duplicate field `@odata.type`"), "{err}");
}
