//! A complex or entity type → a serde struct.

use super::naming::TypeNames;
use super::{rust_type, Context};
use proc_macro2::TokenStream;
use quote::quote;

/// One `Field<T>` struct field; `rename` only where the Rust name is not
/// the wire name.
pub(super) fn field_tokens(wire: &str, field: &super::naming::Name, description: &str, ty: &TokenStream, cfg: Option<&TokenStream>) -> TokenStream {
    let doc = doc_lines(description);
    let rename = (field.as_str() != wire).then(|| quote!(rename = #wire,));
    quote! {
        #doc
        #cfg
        #[serde(#rename skip_serializing_if = "Field::is_absent")]
        pub #field: Field<#ty>,
    }
}

/// `Deserialize` for a struct of `Field`s and `additional_properties`:
/// one pass over the object, each documented property (by wire name) into
/// its field, any other kept (`runtime::de`). It is what `#[serde(default)]`
/// fields and a `#[serde(flatten)]` map would do, without buffering the
/// object, and in less code. A wire name given twice is read once. A
/// field under a cfg is read under it (else its property is kept).
pub(crate) fn deserialize_impl<'a>(
    ident: &super::naming::Name,
    fields: impl IntoIterator<Item = (&'a str, &'a super::naming::Name, Option<TokenStream>)>,
) -> TokenStream {
    let mut seen = std::collections::HashSet::new();
    let (mut wires, mut names, mut cfgs) = (Vec::new(), Vec::new(), Vec::new());
    for (wire, name, cfg) in fields.into_iter().filter(|(wire, _, _)| seen.insert(*wire)) {
        wires.push(wire);
        names.push(name);
        cfgs.push(cfg);
    }
    let expecting = format!("a {ident} object");
    quote! {
        impl<'de> serde::Deserialize<'de> for #ident {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Properties;
                // `self::`: a model may itself be called `Properties`.
                impl<'de> serde::de::Visitor<'de> for Properties {
                    type Value = self::#ident;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<self::#ident, A::Error> {
                        use crate::runtime::de::{field, other, Key};
                        let mut this = <self::#ident as Default>::default();
                        while let Some(key) = map.next_key::<Key<'de>>()? {
                            match key.as_str() {
                                #(#cfgs #wires => field(&mut this.#names, &mut map, #wires)?,)*
                                _ => other(&mut this.additional_properties, key, &mut map)?,
                            }
                        }
                        Ok(this)
                    }
                }
                deserializer.deserialize_map(Properties)
            }
        }
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
            let cfg = cx.workloads.field_cfg(p);
            props.push(quote!(#cfg pub const #constant: crate::runtime::Prop<Self> = crate::runtime::Prop::new(#wire);));
            let ty = rust_type::property(cx.names, &p.type_name, p.resolved, p.collection, &paths);
            field_tokens(&p.name, &f.field, &p.description, &ty, cfg.as_ref())
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
    let deserialize = deserialize_impl(
        ident,
        std::iter::once(("@odata.type", odata_type, None))
            .chain(t.fields.iter().map(|f| (f.property.name.as_str(), &f.field, cx.workloads.field_cfg(f.property)))),
    );
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
        #[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
        pub struct #ident {
            /// The type the server says this value is (`#microsoft.graph.x`).
            #[serde(rename = "@odata.type", skip_serializing_if = "Field::is_absent")]
            pub #odata_type: Field<String>,
            #(#fields)*
            /// Properties the docs do not list, kept so that nothing the
            /// server sends is lost when the value is serialized again.
            #[serde(flatten)]
            pub additional_properties: serde_json::Map<String, serde_json::Value>,
        }

        #deserialize

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
        let thing = file(&files, "models/v1_0/src/thing.rs");
        for want in [
            "pub struct Thing {",
            r#"#[serde(skip_serializing_if = "Field::is_absent")] pub id: Field<String>,"#,
            // Wire names that are not the field's are renamed; a keyword gets a `_`.
            r#"#[serde(rename = "displayName", skip_serializing_if = "Field::is_absent")] pub display_name: Field<String>,"#,
            "pub tags: Field<Vec<String>>,",
            r#"#[serde(rename = "type", skip_serializing_if = "Field::is_absent")] pub type_: Field<i32>,"#,
            "#[serde(flatten)] pub additional_properties: serde_json::Map<String, serde_json::Value>,",
            // Read in one pass: each wire name into its field, the rest kept.
            "impl<'de> serde::Deserialize<'de> for Thing {",
            r#""displayName" => { field(&mut this.display_name, &mut map, "displayName")? }"#,
            r#""type" => field(&mut this.type_, &mut map, "type")?,"#,
            "_ => other(&mut this.additional_properties, key, &mut map)?,",
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
