//! The generated crate (from docs-input) called as a user calls it: fluent
//! chains over the documented paths, the requests they build, the
//! permissions they need, and values of derived types read without
//! matching.

use graph_client::runtime::{needed, Collection, PermissionType};
use graph_client::v1_0::models::{AnyDirectoryObject, Group, User};
use graph_client::v1_0::operations::{ListGroupMembers, UpdateDeviceComplianceDeviceStatus};
use graph_client::{Client, Cloud, Field, Navigate};

fn client() -> Client {
    Client::new(Cloud::Global, "token")
}

#[test]
fn a_chain_builds_the_documented_request() {
    let call = client().v1_0().groups().by_id("g/1 é").members().get().select([User::ID, User::DISPLAY_NAME]).top(5).count();
    let request = call.request().unwrap();
    assert_eq!((request.method.as_str(), request.path.as_str()), ("GET", "/groups/g%2F1%20%C3%A9/members"));
    let query: Vec<(&str, &str)> = request.query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(query, [("$select", "id,displayName"), ("$top", "5"), ("$count", "true")]);
    assert!(request.headers.iter().any(|(k, v)| k == "ConsistencyLevel" && v == "eventual"), "$count needs ConsistencyLevel");

    // A PATCH takes its body; `..` can't name another resource.
    let body = graph_client::beta::models::DeviceComplianceScriptDeviceState { script_output: Field::Value("ok".into()), ..Default::default() };
    let patch = client().beta().device_management().device_compliance_scripts().by_id("s").device_run_states().by_id("..").patch(body);
    assert!(patch.request().is_err(), "`..` is refused before anything is sent");
}

#[test]
fn each_operation_says_which_permissions_it_needs() {
    let ops = [("list members", ListGroupMembers::PERMISSIONS), ("update status", UpdateDeviceComplianceDeviceStatus::PERMISSIONS)];
    let work = needed(&ops, PermissionType::DelegatedWork);
    assert_eq!(work.scopes, ["DeviceManagementConfiguration.ReadWrite.All", "GroupMember.Read.All"]);
    let personal = needed(&ops, PermissionType::DelegatedPersonal);
    assert_eq!((personal.scopes.len(), personal.unsupported), (0, vec!["list members", "update status"]));
}

#[test]
fn a_derived_value_is_read_through_its_base() {
    let page: Collection<AnyDirectoryObject> = serde_json::from_str(
        r##"{"value": [{"@odata.type": "#microsoft.graph.user", "id": "1"}, {"@odata.type": "#microsoft.graph.group", "id": "2"}]}"##,
    )
    .unwrap();
    let ids: Vec<_> = page.value.iter().map(|v| v.id().clone()).collect();
    assert_eq!(ids, [Field::Value("1".to_owned()), Field::Value("2".to_owned())]);
    assert!(page.value[0].as_user().is_some() && page.value[0].as_group().is_none());
    let group = Group::try_from(page.value[1].clone()).expect("the second is a group");
    assert_eq!(group.id, Field::Value("2".to_owned()));
    let back: AnyDirectoryObject = group.into();
    assert!(User::try_from(back).is_err(), "a group is no user");
}
