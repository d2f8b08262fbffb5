#pragma once

#include <QString>

// Where Slipway keeps the user's deploy data (the audit log, the wizard's resume files). The
// same folder for the window and slipway-cli whatever their application names, so a deploy
// from CI on this machine shows in the window's Audit view. SLIPWAY_DATA_DIR names another one.
namespace UserDataDirectory {
QString path();
} // namespace UserDataDirectory
