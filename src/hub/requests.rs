//! What a district's signed request may do at the hub (`sync::auth`): it is taken only when its
//! signature is the district's and its time later than the last the hub took from it, and then it
//! acts for that district only: its batches, its uploads, its receipt and downloads.

use chrono::{DateTime, Utc};

use super::uploads::Uploads;
use super::{Hub, HubError};
use crate::sync::Receipt;
use crate::sync::auth::{self, AuthError, Request, Signed};
use crate::sync::batch::hash_of;

impl Hub {
    /// Checks a signed request against its district's enrolled key and takes its time as the
    /// district's latest, in one transaction: a request sent again is refused (`replayed-request`)
    /// and changes nothing, not even the district's last contact. Returns the district.
    pub fn admit_request(&self, signed: Option<&Signed>, request: Request<'_>, now: DateTime<Utc>) -> Result<String, HubError> {
        let signed = signed.ok_or(AuthError::Unsigned)?;
        let district = signed.district.as_str();
        let record = self.store.district(district)?.ok_or_else(|| HubError::UnknownDistrict(district.to_owned()))?;
        let key = record.public_key().ok_or_else(|| HubError::Corrupt(format!("key of {district}")))?;
        // The signature first: a request nobody signed must not move the district's clock.
        let time = auth::check(Some(signed), district, &key, request, now)?;
        self.store.with_district(district, |record, _| Ok(record.take_request(time)?))?;
        Ok(district.to_owned())
    }

    /// Takes one batch that `district` sent in a signed request: its own, or none.
    pub fn receive_signed(&self, district: &str, sealed: &[u8], at: DateTime<Utc>) -> Result<Receipt, HubError> {
        self.receive_from_district(Some(district), sealed, at)
    }

    /// Takes `district`'s finished upload `id` as one batch, then forgets the upload.
    pub fn commit_upload(&self, uploads: &Uploads, district: &str, id: &str, at: DateTime<Utc>) -> Result<Receipt, HubError> {
        let bytes = uploads.read(district, id)?;
        if hash_of(&bytes) != id {
            return Err(HubError::UploadMismatch);
        }
        let receipt = self.receive_signed(district, &bytes, at);
        uploads.forget(district, id)?;
        receipt
    }
}
