//! A complex or entity type → a serde struct.

use super::naming::TypeNames;
use super::{rust_type, Context};
use proc_macro2::TokenStream;
use quote::quote;

/// One `Field<T>` struct field; `rename` only where the Rust name is not
/// the wire name.
pub(super) fn field_tokens(wire: &str, field: &super::naming::Name, description: &str, ty: &TokenStream) -> TokenStream {
    let doc = doc_lines(description);
    let rename = (field.as_str() != wire).then(|| quote!(rename = #wire,));
    quote! {
        #doc
        #[serde(#rename default, skip_serializing_if = "Field::is_absent")]
        pub #field: Field<#ty>,
    }
}

pub(super) fn doc_lines(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| format!(" {}", l.trim_end()));
    quote!(#(#[doc = #lines])*)
}

pub(super) fn emit(cx: &Context, t: &TypeNames) -> TokenStream {
    let ident = &t.ident;
    let paths = rust_type::Paths::inside(quote!(super::));
    let odata_type = t.odata_type.as_ref().expect("a struct's names have its `@odata.type` field");
    let mut props = Vec::new();
    let fields: Vec<TokenStream> = t
        .fields
        .iter()
        .map(|f| {
            let p = f.property;
            let (wire, constant) = (&p.name, &f.constant);
            props.push(quote!(pub const #constant: crate::runtime::Prop<Self> = crate::runtime::Prop::new(#wire);));
            let ty = rust_type::property(cx.names, &p.type_name, p.resolved, p.collection, &paths);
            field_tokens(&p.name, &f.field, &p.description, &ty)
        })
        .collect();
    // The properties by name, for `$select` (`Query::select([User::ID])`).
    let props = (!props.is_empty()).then(|| {
        quote! {
            /// Its properties, for `$select` and `$orderby`.
            impl #ident {
                #(#props)*
            }
        }
    });
    let t = t.def;
    let mut doc = format!(
        "`{}` ({}).",
        t.qualified(),
        match t.kind {
            crate::schema::TypeKind::Entity => "entity",
            _ => "complex type",
        }
    );
    if let Some(d) = &t.description {
        doc = format!("{d}\n\n{doc}");
    }
    if let Some(base) = &t.base_type {
        doc.push_str(&format!(" Inherits from `{base}`; its properties are included."));
    }
    let doc = doc_lines(&doc);
    quote! {
        use crate::runtime::Field;

        #doc
        #[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct #ident {
            /// The type the server says this value is (`#microsoft.graph.x`).
            #[serde(rename = "@odata.type", default, skip_serializing_if = "Field::is_absent")]
            pub #odata_type: Field<String>,
            #(#fields)*
            /// Properties the docs do not list, kept so that nothing the
            /// server sends is lost when the value is serialized again.
            #[serde(flatten)]
            pub additional_properties: serde_json::Map<String, serde_json::Value>,
        }

        #props
    }
}

#[cfg(test)]
mod tests {
    use crate::fixtures::{emitted, file, resource};

    #[test]
    fn a_struct_has_its_bases_properties_as_fields_and_constants() {
        let files = emitted(&[
            ("resources/entity.md", &resource("entity", None, &[("id", "String")])),
            (
                "resources/thing.md",
                &resource("thing", Some("entity"), &[("displayName", "String"), ("tags", "String collection"), ("type", "Int32")]),
            ),
        ]);
        let thing = file(&files, "src/v1_0/models/thing.rs");
        for want in [
            "pub struct Thing {",
            r#"#[serde(default, skip_serializing_if = "Field::is_absent")] pub id: Field<String>,"#,
            // Wire names that are not the field's are renamed; a keyword gets a `_`.
            r#"#[serde(rename = "displayName", default, skip_serializing_if = "Field::is_absent")] pub display_name: Field<String>,"#,
            "pub tags: Field<Vec<String>>,",
            r#"#[serde(rename = "type", default, skip_serializing_if = "Field::is_absent")] pub type_: Field<i32>,"#,
            "#[serde(flatten)] pub additional_properties: serde_json::Map<String, serde_json::Value>,",
            r#"pub const ID: crate::runtime::Prop<Self> = crate::runtime::Prop::new("id");"#,
            r#"pub const DISPLAY_NAME: crate::runtime::Prop<Self> = crate::runtime::Prop::new( "displayName", );"#,
            r#"pub const TYPE_: crate::runtime::Prop<Self> = crate::runtime::Prop::new("type");"#,
        ] {
            assert!(thing.contains(want), "expected {want:?} in\n{thing}");
        }
        // The base's field comes first, as the JSON has it.
        assert!(thing.find("pub id:").unwrap() < thing.find("pub display_name:").unwrap());
    }
}
