//! `entities.toml` and `names/*.toml`: the names of entities.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::default_true;

/// `entities.toml`: names of countries, institutions, people and outlets.
///
/// Any file with `[[entity]]` entries is an entities file. An entity with the
/// `name` of an earlier one replaces it, unless it says `extend = true`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EntitiesFile {
    /// `format`: the rule-format version; must be [`FORMAT_VERSION`](super::FORMAT_VERSION).
    pub format: u32,
    /// `[[entity]]`: one entry per entity. Default: none.
    #[serde(default)]
    pub entity: Vec<EntityDef>,
}

/// `[[entity]]`: one named thing a text can mention: a source, an owner or
/// an outlet.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EntityDef {
    /// `name` (required): the canonical English name, the one claims and
    /// reports use whatever language the text is in.
    pub name: String,
    /// `type`: required, except on an entry that extends an entity defined
    /// elsewhere.
    #[serde(rename = "type", default)]
    pub entity_type: Option<EntityType>,
    /// `demonym` (default none): for countries and groups, the English
    /// adjective ("South Korean"), used in owners and subjects.
    #[serde(default)]
    pub demonym: Option<String>,
    /// `aliases.<lang>` (default `{}`): language code -> the names in that
    /// language. A document is read with its own language's aliases plus the
    /// English ones; an alias of two to six capitals ("WHO") matches only a
    /// word written in capitals.
    #[serde(default)]
    pub aliases: IndexMap<String, Vec<String>>,
    /// `demonym-aliases.<lang>` (default `{}`): language code -> the
    /// adjective's forms in that language.
    #[serde(default)]
    pub demonym_aliases: IndexMap<String, Vec<String>>,
    /// `domains` (default `[]`): for outlets, web domains that name them in a
    /// text's footer.
    #[serde(default)]
    pub domains: Vec<String>,
    /// `affiliation` (default `"country"`), for institutions: what a source
    /// named by this kind of body alone ("the health ministry said") belongs
    /// to when its text leaves it to context: `"country"`, a national body
    /// named with the adjective of the country whose toll it gives ("Iranian
    /// Ministry of Health"); `"place"`, a local one named with the place
    /// ("Kharkiv police"); `"none"`, people rather than a body ("officials"),
    /// left as written.
    #[serde(default)]
    pub affiliation: Affiliation,
    /// `relays` (default `false`): the body passes on others' figures more
    /// than it makes its own (state television, "the media"): a source named
    /// beside it in the same sentence ranks before it, as a named outlet's
    /// source does.
    #[serde(default)]
    pub relays: bool,
    /// `code` (default none): for countries, the ISO 3166-1 alpha-2 code
    /// ("IR"): an outlet whose web address ends in that country's domain
    /// (".ir") is of that country, and its "our country" is this one.
    #[serde(default)]
    pub code: Option<String>,
    /// `country` (default none): for a body, person or outlet of one country,
    /// that country's canonical name ("Myanmar junta": "Myanmar"): an article
    /// that names it first is about that country.
    #[serde(default)]
    pub country: Option<String>,
    /// `enabled` (default `true`): false switches the entity off, its names no
    /// longer recognised (for a rule folder that overrides a default).
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// `extend` (default `false`): true adds this entry's aliases, adjectives
    /// and domains to the entity of the same name defined elsewhere, instead of
    /// replacing it: a language pack's spellings of "South Korea" live beside
    /// the pack. An extension without `type` of a name nothing defines is
    /// dropped.
    #[serde(default)]
    pub extend: bool,
}

/// What an entity is, `type = "country"`: it decides how a name can be read
/// (an owner, a source, an outlet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityType {
    /// `"country"`: can own what a figure counts, and lends its adjective to
    /// an institution beside it.
    Country,
    /// `"institution"`: a kind of body: intelligence, officials, ministry of
    /// defence. It combines with a country's adjective beside it: "South
    /// Korean intelligence".
    Institution,
    /// `"person"`: one-word names also match spellings that differ slightly
    /// (Jaro-Winkler at least 0.9).
    Person,
    /// `"organisation"`: a named body of its own (the United Nations, NATO,
    /// the Kremlin).
    Organisation,
    /// `"group"`: a loose collective: "the West".
    Group,
    /// `"outlet"`: a publisher; its `domains` and mastheads name a text's outlet.
    Outlet,
}

/// What a kind of body belongs to when the text does not say (see
/// [`EntityDef::affiliation`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Affiliation {
    /// A national body: the country's.
    #[default]
    Country,
    /// A local body: the place's, below the country.
    Place,
    /// Not a body: no affiliation is added.
    None,
}
