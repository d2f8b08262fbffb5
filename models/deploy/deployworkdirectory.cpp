#include "deployworkdirectory.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QLocale>

qint64 DeployWorkDirectory::sizeInBytes(const QString &path)
{
    qint64 total = 0;
    // The rehearsal server's files may belong to another account (postgres, when run as root):
    // what cannot be read is not counted rather than failing the whole figure.
    QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

QString DeployWorkDirectory::describe(const QString &path)
{
    return tr("%1 (%2: the dump and the rehearsal server)")
        .arg(QDir::toNativeSeparators(path), QLocale().formattedDataSize(sizeInBytes(path)));
}

bool DeployWorkDirectory::remove(const QString &path, QString *error)
{
    if (!QFileInfo(path).isDir())
        return true;
    if (QDir(path).removeRecursively())
        return true;
    *error = tr("%1 could not be removed completely; remove it by hand.").arg(QDir::toNativeSeparators(path));
    return false;
}
