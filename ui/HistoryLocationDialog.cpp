#include "HistoryLocationDialog.h"

#include "Background.h"
#include "HistoryChoice.h"
#include "MessageBar.h"
#include "common/KeychainEntry.h"
#include "history/ServerCheck.h"
#include "history/ServerLogin.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QUrl>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace slipway::ui {

namespace {

constexpr int DefaultPort = 5432;
const QString DefaultSslMode = QStringLiteral("prefer");

} // namespace

HistoryLocationDialog::HistoryLocationDialog(QWidget* parent)
    : QDialog(parent), m_messages(new MessageBar(this)),
      m_local(new QRadioButton(tr("&Local file on this computer (SQLite)"), this)),
      m_team(new QRadioButton(tr("&Team database shared by every desk (PostgreSQL)"), this)),
      m_localPath(new QLabel(this)), m_host(new QLineEdit(this)), m_port(new QSpinBox(this)),
      m_database(new QLineEdit(this)), m_user(new QLineEdit(this)), m_password(new QLineEdit(this)),
      m_sslMode(new QComboBox(this)), m_test(new QPushButton(tr("Test co&nnection"), this)),
      m_spinner(new QProgressBar(this)), m_notes(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this)),
      m_cancel(std::make_shared<std::atomic_bool>(false))
{
    setObjectName(QStringLiteral("historyLocationDialog"));
    setWindowTitle(tr("Release history"));
    auto* intro = new QLabel(tr("Where Slipway keeps every release, its steps and the audit chain."), this);
    intro->setWordWrap(true);

    m_local->setObjectName(QStringLiteral("historyLocalRadio"));
    m_team->setObjectName(QStringLiteral("historyTeamRadio"));
    m_localPath->setObjectName(QStringLiteral("historyLocalPath"));
    m_localPath->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_localPath->setText(QDir::toNativeSeparators(HistoryChoice::localFile()));
    m_localPath->setWordWrap(true);
    m_localPath->setIndent(24);

    m_host->setObjectName(QStringLiteral("historyHost"));
    m_host->setPlaceholderText(tr("for example db.example.com"));
    m_port->setObjectName(QStringLiteral("historyPort"));
    m_port->setRange(1, 65535);
    m_port->setValue(DefaultPort);
    m_port->setAccessibleName(tr("Port"));
    m_database->setObjectName(QStringLiteral("historyDatabase"));
    m_database->setPlaceholderText(tr("for example slipway_history"));
    m_user->setObjectName(QStringLiteral("historyUser"));
    m_password->setObjectName(QStringLiteral("historyPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("kept in the system keyring; empty: unchanged"));
    m_sslMode->setObjectName(QStringLiteral("historySslMode"));
    const struct
    {
        const char* mode;
        QString text;
    } modes[] = {
        {"prefer", tr("prefer: TLS when the server offers it")},
        {"require", tr("require: TLS always, certificate not checked")},
        {"verify-ca", tr("verify-ca: TLS with a trusted certificate")},
        {"verify-full", tr("verify-full: TLS, trusted certificate for this host")},
        {"disable", tr("disable: never TLS")},
    };
    for (const auto& m : modes)
        m_sslMode->addItem(m.text, QString::fromLatin1(m.mode));
    m_test->setObjectName(QStringLiteral("historyTestButton"));
    m_test->setAutoDefault(false);
    m_test->setToolTip(tr("Connect with what is typed here, without saving it"));
    m_spinner->setObjectName(QStringLiteral("historyTestBusy"));
    m_spinner->setRange(0, 0);
    m_spinner->setTextVisible(false);
    m_spinner->setMaximumWidth(90);
    m_spinner->setAccessibleName(tr("Connecting"));
    m_spinner->hide();
    m_notes->setObjectName(QStringLiteral("historyNotes"));
    m_notes->setWordWrap(true);

    auto* form = new QFormLayout;
    form->setContentsMargins(24, 0, 0, 0);
    auto* hostRow = new QHBoxLayout;
    hostRow->addWidget(m_host, 1);
    auto* portLabel = new QLabel(tr("Po&rt:"), this);
    portLabel->setBuddy(m_port);
    hostRow->addWidget(portLabel);
    hostRow->addWidget(m_port);
    auto* hostLabel = new QLabel(tr("&Host:"), this);
    hostLabel->setBuddy(m_host);
    form->addRow(hostLabel, hostRow);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("SSL &mode:"), m_sslMode);
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_spinner);
    testRow->addStretch(1);
    form->addRow(QString(), testRow);

    QPushButton* save = m_buttons->button(QDialogButtonBox::Save);
    save->setObjectName(QStringLiteral("historySaveButton"));
    save->setText(tr("&Save"));
    save->setDefault(true);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("historyCancelButton"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addWidget(intro);
    layout->addWidget(m_local);
    layout->addWidget(m_localPath);
    layout->addSpacing(6);
    layout->addWidget(m_team);
    layout->addLayout(form);
    layout->addWidget(m_notes);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    setTabOrder(m_local, m_team);
    setTabOrder(m_team, m_host);
    setTabOrder(m_host, m_port);
    setTabOrder(m_port, m_database);
    setTabOrder(m_database, m_user);
    setTabOrder(m_user, m_password);
    setTabOrder(m_password, m_sslMode);
    setTabOrder(m_sslMode, m_test);
    setTabOrder(m_test, save);
    setTabOrder(save, m_buttons->button(QDialogButtonBox::Cancel));

    connect(m_local, &QRadioButton::toggled, this, &HistoryLocationDialog::updateEnabled);
    connect(m_test, &QPushButton::clicked, this, [this] {
        if (m_testing)
            stopWaiting();
        else
            testConnection();
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &HistoryLocationDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &HistoryLocationDialog::reject);

    QStringList notes;
    if (!HistoryChoice::givenAtStart().isEmpty())
        notes << tr("Slipway was started with --history or SLIPWAY_HISTORY; that choice wins at every start while it "
                    "is given. Saving here switches this session.");
    if (!qEnvironmentVariableIsEmpty("PGPASSWORD"))
        notes << tr("PGPASSWORD is set in Slipway's environment: the server gets that password, not the one saved "
                    "here.");
    m_notes->setText(notes.join(QLatin1Char(' ')));
    m_notes->setVisible(!notes.isEmpty());

    fillFrom(HistoryChoice::current());
    resize(560, sizeHint().height());
}

HistoryLocationDialog::~HistoryLocationDialog()
{
    m_cancel->store(true);
}

void HistoryLocationDialog::fillFrom(const QString& location)
{
    m_sslMode->setCurrentIndex(0);
    if (!history::ServerLogin::isAddress(location)) {
        m_local->setChecked(true);
        updateEnabled();
        return;
    }
    m_team->setChecked(true);
    const QUrl url(location);
    m_host->setText(url.host());
    m_port->setValue(url.port(DefaultPort));
    m_database->setText(url.path().mid(1));
    m_user->setText(url.userName());
    const QString mode = QUrlQuery(url).queryItemValue(QStringLiteral("sslmode"));
    if (const int index = m_sslMode->findData(mode); index >= 0)
        m_sslMode->setCurrentIndex(index);
    updateEnabled();
}

void HistoryLocationDialog::updateEnabled()
{
    const bool team = m_team->isChecked();
    for (QWidget* w : std::initializer_list<QWidget*>{m_host, m_port, m_database, m_user, m_password, m_sslMode})
        w->setEnabled(team && !m_busy);
    m_test->setEnabled(team && (!m_busy || m_testing));
    m_local->setEnabled(!m_busy);
    m_team->setEnabled(!m_busy);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!m_busy || m_testing);
}

Result<QString> HistoryLocationDialog::address() const
{
    if (m_local->isChecked())
        return QString();
    const QString host = m_host->text().trimmed();
    const QString database = m_database->text().trimmed();
    const QString user = m_user->text().trimmed();
    if (host.isEmpty())
        return fail(tr("Type the host of the PostgreSQL server."));
    if (database.isEmpty())
        return fail(tr("Type the name of the database."));
    if (user.isEmpty())
        return fail(tr("Type the user Slipway logs in as."));
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(host);
    url.setPort(m_port->value());
    url.setUserName(user);
    url.setPath(QLatin1Char('/') + database);
    if (const QString mode = m_sslMode->currentData().toString(); mode != DefaultSslMode)
        url.setQuery(QStringLiteral("sslmode=") + mode);
    auto checked = history::ServerLogin::parse(url.toString());
    if (!checked)
        return checked.error();
    return url.toString();
}

void HistoryLocationDialog::setBusy(const QString& text)
{
    ++m_generation;
    m_busy = true;
    m_focusBeforeBusy = focusWidget();
    m_messages->showMessage(text);
    m_spinner->show();
    updateEnabled();
}

void HistoryLocationDialog::setIdle()
{
    ++m_generation;
    m_busy = false;
    m_testing = false;
    m_spinner->hide();
    m_test->setText(tr("Test co&nnection"));
    updateEnabled();
    // A field disabled while busy gave the focus away (to Cancel, where Enter would close the dialog): back it goes.
    if (m_focusBeforeBusy && m_focusBeforeBusy->isEnabled())
        m_focusBeforeBusy->setFocus();
}

void HistoryLocationDialog::stopWaiting()
{
    // The attempt ends on its own within the connect timeout; its answer is no longer wanted.
    setIdle();
    m_messages->showMessage(tr("Stopped waiting for the server."), MessageBar::Kind::Warning);
    m_test->setFocus();
}

void HistoryLocationDialog::testConnection()
{
    auto location = address();
    if (!location || location->isEmpty()) {
        m_messages->showError(location ? tr("Choose the team database to test a connection.")
                                       : location.error().message);
        return;
    }
    const QUrl url(location.value());
    m_testing = true; // before setBusy: the focused Test button stays enabled (as Stop waiting)
    m_test->setText(tr("Stop &waiting"));
    setBusy(tr("Connecting to %1:%2 (at most %3 seconds)…")
                .arg(url.host())
                .arg(url.port(DefaultPort))
                .arg(history::ServerLogin::ConnectTimeoutSeconds));
    std::optional<SecureBytes> password;
    if (!m_password->text().isEmpty())
        password = SecureBytes(m_password->text().toUtf8());
    const int generation = m_generation;
    runInBackground(
        this, [where = location.value(), password] { return history::ServerCheck::run(where, password); },
        [this, generation](const history::ServerCheck& check) {
            if (generation != m_generation)
                return; // stopped, or the dialog moved on
            setIdle();
            m_messages->showMessage(check.message,
                                    check.connected() ? MessageBar::Kind::Success : MessageBar::Kind::Error);
            Q_EMIT tested(check.connected());
        });
}

void HistoryLocationDialog::accept()
{
    auto location = address();
    if (!location) {
        m_messages->showError(location.error().message);
        return;
    }
    if (location->isEmpty() || m_password->text().isEmpty()) {
        save(location.value());
        return;
    }
    const QUrl url(location.value());
    const SecureBytes password(m_password->text().toUtf8());
    setBusy(tr("Putting the password in the system keyring…"));
    const int generation = m_generation;
    struct Outcome
    {
        QString problem;
        bool keyringMayAsk = false;
    };
    runInBackground(
        this,
        [url, password, cancel = m_cancel, checkFirst = !m_keyringAnyway]() -> Outcome {
            // Asked first, so that no system window pops up unannounced for a missing or locked keyring.
            if (checkFirst) {
                const QString problem = KeychainEntry::keyringProblem();
                if (!problem.isEmpty())
                    return {problem, problem.contains(QLatin1String("window"))};
            }
            KeychainEntry entry(history::ServerLogin::KeychainService, history::ServerLogin::account(url));
            entry.setCancelFlag(cancel.get());
            const Status stored = entry.write(password);
            return {stored ? QString() : stored.error().message, false};
        },
        [this, generation, url, password, where = location.value()](const Outcome& outcome) {
            if (generation != m_generation)
                return;
            setIdle();
            if (outcome.keyringMayAsk) {
                m_keyringAnyway = true;
                m_messages->showMessage(tr("Nothing is saved yet: %1. Press Save again to use the system keyring "
                                           "anyway, or leave the password empty and give it in PGPASSWORD or "
                                           "~/.pgpass.")
                                            .arg(outcome.problem),
                                        MessageBar::Kind::Warning);
                return;
            }
            if (!outcome.problem.isEmpty()) {
                m_messages->showError(tr("Nothing was saved: the password could not be put in the system keyring "
                                         "(%1). Leave the password empty and give it in PGPASSWORD or ~/.pgpass, or "
                                         "make the keyring usable and save again.")
                                          .arg(outcome.problem));
                return;
            }
            history::ServerLogin::rememberPassword(url, password);
            m_password->clear();
            save(where);
        });
}

void HistoryLocationDialog::save(const QString& address)
{
    HistoryChoice::choose(address);
    QDialog::accept();
}

void HistoryLocationDialog::reject()
{
    ++m_generation;
    m_cancel->store(true);
    m_password->clear();
    QDialog::reject();
}

} // namespace slipway::ui
