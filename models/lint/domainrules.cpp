#include "domainrules.h"

#include "lintnodes.h"
#include "statementcontext.h"

namespace {
constexpr char CreateDomain[] = "ban-create-domain-with-constraint";
constexpr char AlterDomain[] = "ban-alter-domain-with-add-constraint";
} // namespace

QList<RuleInfo> DomainRules::rules() const
{
    using S = Finding::Severity;
    using C = RuleInfo::Category;
    return {
        {QString::fromLatin1(CreateDomain),
         S::Warning,
         C::Style,
         tr("A domain with constraints is hard to change without locking every table that uses "
            "it."),
         tr("None now; later ALTER DOMAIN … ADD CONSTRAINT scans every column of the domain."),
         tr("Tightening a domain's constraint later checks every row of every table that uses "
            "it, and there is no NOT VALID path for all of them."),
         tr("Use a plain type and put CHECK constraints on the tables, where NOT VALID and "
            "VALIDATE CONSTRAINT work.")},
        {QString::fromLatin1(AlterDomain),
         S::Error,
         C::Locking,
         tr("Adding a constraint to a domain checks every column that uses the domain."),
         tr("SHARE lock on every table with a column of the domain during the scan."),
         tr("PostgreSQL verifies the new constraint over all rows of all those tables before the "
            "statement ends."),
         tr("ALTER DOMAIN … ADD CONSTRAINT … NOT VALID, then VALIDATE CONSTRAINT in a later "
            "transaction.")},
    };
}

void DomainRules::check(const StatementContext &context) const
{
    const PgNode node = context.node();
    if (context.type() == "CreateDomainStmt") {
        for (const PgNode &constraint : node.field("constraints").list()) {
            if (constraint.field("contype").view() == "CONSTR_DEFAULT")
                continue;
            context.report(CreateDomain,
                           tr("Domain %1 is created with a constraint.")
                               .arg(LintNodes::dottedName(node.field("domainname"))));
            return;
        }
    } else if (context.type() == "AlterDomainStmt" && node.field("subtype").view() == "C"
               && !node.field("def").field("skip_validation").boolean()) {
        context.report(AlterDomain,
                       tr("Adding a constraint to domain %1 checks every column that uses it.")
                           .arg(LintNodes::dottedName(node.field("typeName"))));
    }
}
