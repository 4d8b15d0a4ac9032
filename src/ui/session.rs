//! The acting user. Users and login belong to a later issue; until then the user named on the
//! first run is kept in `user.toml` in the data folder and is the actor of every event the window
//! writes. A login screen will replace `load` as the way the app learns who is acting.

use std::path::Path;

use crate::domain::role::Actor;
use crate::store::StoreError;

const FILE_NAME: &str = "user.toml";

/// The user recorded for this data folder, if any.
pub fn load(dir: &Path) -> Result<Option<Actor>, StoreError> {
    let path = dir.join(FILE_NAME);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::Io { path, detail: e.to_string() }),
    };
    toml::from_str(&text).map(Some).map_err(|e| StoreError::Io { path, detail: e.to_string() })
}

pub fn save(dir: &Path, actor: &Actor) -> Result<(), StoreError> {
    let path = dir.join(FILE_NAME);
    let text = toml::to_string(actor).map_err(|e| StoreError::Io { path: path.clone(), detail: e.to_string() })?;
    std::fs::write(&path, text).map_err(|e| StoreError::Io { path, detail: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::role::Role;

    #[test]
    fn the_first_user_is_read_back() -> Result<(), StoreError> {
        let dir = tempfile::tempdir().map_err(|e| StoreError::Io { path: ".".into(), detail: e.to_string() })?;
        assert_eq!(load(dir.path())?, None);
        let actor = Actor { user_id: "user-1".into(), name: "زهرا کریمی".into(), role: Role::Clerk };
        save(dir.path(), &actor)?;
        assert_eq!(load(dir.path())?, Some(actor));
        Ok(())
    }
}
