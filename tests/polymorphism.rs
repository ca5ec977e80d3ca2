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
