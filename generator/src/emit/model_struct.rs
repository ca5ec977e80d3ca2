//! A complex or entity type → a serde struct.

use super::naming::TypeNames;
use super::{rust_type, Context};
use proc_macro2::TokenStream;
use quote::quote;

/// One `Field<T>` struct field, under its cfg where it has one.
pub(super) fn field_tokens(field: &super::naming::Name, description: &str, ty: &TokenStream, cfg: Option<&TokenStream>) -> TokenStream {
    let doc = doc_lines(description);
    quote! {
        #doc
        #cfg
        pub #field: Field<#ty>,
    }
}

/// `Serialize` and `Deserialize` for a struct of `Field`s and
/// `additional_properties`, each field by its wire name, a field under a
/// cfg written and read under it (else its property is kept). A wire name
/// given twice is the first field's.
///
/// Serialize: the present fields in order, then the unknown properties
/// (`runtime::ser`), as serde's derive with `skip_serializing_if` and
/// `flatten` writes them, in less code. Deserialize: one pass over the
/// object, each documented property into its field, any other kept
/// (`runtime::de`): what `#[serde(default)]` fields and a flattened map
/// would do, without buffering the object. One `?` per object, not per
/// field: each is code rustc checks for every model.
pub(crate) fn json_impls<'a>(
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
        impl serde::Serialize for #ident {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut object = crate::runtime::ser::Object::new(serializer);
                #(#cfgs object.field(#wires, &self.#names);)*
                object.end(&self.additional_properties)
            }
        }

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
                        let mut others = crate::runtime::AdditionalProperties::builder();
                        while let Some(key) = map.next_key::<Key<'de>>()? {
                            let read = match key.as_str() {
                                #(#cfgs #wires => field(&mut this.#names, &mut map, #wires),)*
                                _ => other(&mut others, key, &mut map),
                            };
                            read?;
                        }
                        this.additional_properties = others.build();
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
    // A relationship's cfg, once per field: its field, constant and JSON arms.
    let cfgs: Vec<Option<TokenStream>> = t.fields.iter().map(|f| cx.workloads.field_cfg(f.property)).collect();
    let mut props = Vec::new();
    let fields: Vec<TokenStream> = t
        .fields
        .iter()
        .zip(&cfgs)
        .map(|(f, cfg)| {
            let p = f.property;
            let (wire, constant) = (&p.name, &f.constant);
            // An instance attribute is no property to select or order by.
            if !wire.starts_with('@') {
                props.push(quote!(#cfg pub const #constant: crate::runtime::Prop<Self> = crate::runtime::Prop::new(#wire);));
            }
            let ty = rust_type::property(cx.names, &p.type_name, p.resolved, p.collection, &paths);
            field_tokens(&f.field, &p.description, &ty, cfg.as_ref())
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
    let json = json_impls(
        ident,
        std::iter::once(("@odata.type", odata_type, None)).chain(t.fields.iter().zip(cfgs).map(|(f, cfg)| (f.property.name.as_str(), &f.field, cfg))),
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
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct #ident {
            /// The type the server says this value is (`#microsoft.graph.x`).
            pub #odata_type: Field<String>,
            #(#fields)*
            /// Properties the docs do not list, kept so that nothing the
            /// server sends is lost when the value is serialized again.
            pub additional_properties: crate::runtime::AdditionalProperties,
        }

        #json

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
            "pub id: Field<String>,",
            "pub display_name: Field<String>,",
            "pub tags: Field<Vec<String>>,",
            // A keyword gets a `_`.
            "pub type_: Field<i32>,",
            "pub additional_properties: crate::runtime::AdditionalProperties,",
            // Written by wire name, present fields in order, then the rest.
            "impl serde::Serialize for Thing {",
            r#"object.field("@odata.type", &self.odata_type); object.field("id", &self.id); object.field("displayName", &self.display_name);"#,
            r#"object.field("type", &self.type_); object.end(&self.additional_properties)"#,
            // Read in one pass: each wire name into its field, the rest kept.
            "impl<'de> serde::Deserialize<'de> for Thing {",
            r#""displayName" => { field(&mut this.display_name, &mut map, "displayName") }"#,
            r#""type" => field(&mut this.type_, &mut map, "type"),"#,
            "_ => other(&mut others, key, &mut map), }; read?; } this.additional_properties = others.build();",
            r#"pub const ID: crate::runtime::Prop<Self> = crate::runtime::Prop::new("id");"#,
            r#"pub const DISPLAY_NAME: crate::runtime::Prop<Self> = crate::runtime::Prop::new( "displayName", );"#,
            r#"pub const TYPE_: crate::runtime::Prop<Self> = crate::runtime::Prop::new("type");"#,
        ] {
            assert!(thing.contains(want), "expected {want:?} in\n{thing}");
        }
        // The base's field comes first, as the JSON has it.
        assert!(thing.find("pub id:").unwrap() < thing.find("pub display_name:").unwrap());
    }

    #[test]
    fn instance_attributes_a_page_documents_are_fields_but_not_properties_to_select() {
        let files = emitted(&[(
            "resources/item.md",
            &resource(
                "item",
                None,
                &[("name", "String"), ("@microsoft.graph.downloadUrl", "String"), ("@odata.etag", "String"), ("@odata.type", "String")],
            ),
        )]);
        let item = file(&files, "models/v1_0/src/item.rs");
        for want in [
            "pub microsoft_graph_download_url: Field<String>,",
            "pub odata_etag: Field<String>,",
            r#""@microsoft.graph.downloadUrl" => {"#,
            r#"object.field("@odata.etag", &self.odata_etag);"#,
            r#"pub const NAME: crate::runtime::Prop<Self>"#,
        ] {
            assert!(item.contains(want), "expected {want:?} in\n{item}");
        }
        // `@odata.type` is the struct's own field, once; no attribute is a `$select` constant.
        assert_eq!(item.matches("pub odata_type:").count(), 1, "{item}");
        assert!(!item.contains("MICROSOFT_GRAPH_DOWNLOAD_URL") && !item.contains("ODATA_ETAG"), "{item}");
    }
}
