<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>QObject</name>
    <message>
        <location filename="../../ui/DemoWorkspace.cpp" line="31"/>
        <source>Cannot write the demo build to %1. Check that the data folder is writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DemoWorkspace.cpp" line="37"/>
        <source>The demo build is missing from this copy of Slipway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryExport.cpp" line="20"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryExport.cpp" line="86"/>
        <location filename="../../ui/KnownKeys.cpp" line="120"/>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KnownKeys.cpp" line="82"/>
        <source>Slipway default key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KnownKeys.cpp" line="103"/>
        <source>%1 (imported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KnownKeys.cpp" line="112"/>
        <source>Name the key with letters, digits, dots, dashes or underscores (for example &quot;production&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KnownKeys.cpp" line="117"/>
        <source>A key named &quot;%1&quot; already exists. Choose another name or pick it from the known keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="31"/>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="34"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="35"/>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="209"/>
        <source>Cannot fetch the bundle from %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::BuildPage</name>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="33"/>
        <source>Choose &amp;folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="34"/>
        <source>Choose &amp;archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="35"/>
        <source>Use the &amp;demo build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="40"/>
        <source>Web build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="41"/>
        <source>The folder your web build lands in (dist, www, build) or the archive your CI produced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="43"/>
        <source>Drop a build folder or a CI archive (.zip, .tar.gz, .tar.xz, .7z) here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="47"/>
        <source>Build folder or archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="48"/>
        <source>/path/to/your/app/dist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="54"/>
        <source>A tiny Capacitor web build shipped with Slipway: try a complete release without an app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="56"/>
        <source>Recent builds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="59"/>
        <source>com.example.app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="60"/>
        <source>The appId of your Capacitor app (reverse domain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="62"/>
        <source>1.2.3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="63"/>
        <source>The bundle version phones will report (semantic versioning)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="65"/>
        <source>The channel phones follow, for example production or beta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="67"/>
        <source>optional: what changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="72"/>
        <source>Build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="81"/>
        <source>&amp;Recent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="88"/>
        <source>Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="90"/>
        <source>A&amp;pp id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="91"/>
        <source>&amp;Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="92"/>
        <source>C&amp;hannel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="93"/>
        <source>&amp;Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="112"/>
        <source>Choose the web build folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="119"/>
        <source>Choose a CI build archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="120"/>
        <source>Build archives (*.zip *.tar *.tar.gz *.tgz *.tar.bz2 *.tar.xz *.tar.zst *.7z);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="174"/>
        <source>app id from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="179"/>
        <source>version from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="182"/>
        <source>Prefilled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="206"/>
        <source>%1 %2 is already released on %3, so the next version %4 is suggested.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="224"/>
        <source>&quot;%1&quot; is not an app id. Use your Capacitor appId, for example com.example.app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="230"/>
        <source>&quot;%1&quot; is not a version phones understand. Use semantic versioning, for example 1.4.0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="257"/>
        <source>No recent builds yet: try the demo build</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::ChecksPage</name>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="22"/>
        <source>Check &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="25"/>
        <source>Pre-flight checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="26"/>
        <source>What a phone needs from this build, checked before anything is packaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="28"/>
        <source>Pre-flight check results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="30"/>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="30"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="39"/>
        <source>Run the checks again after fixing the build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="69"/>
        <source>Checking %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/ChecksPage.cpp" line="118"/>
        <source>%n file(s), %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="121"/>
        <source>This build cannot be released yet:
%1
Fix the build, then press Check again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="125"/>
        <source>All blocking checks passed — %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::DeviceTestView</name>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="31"/>
        <source>&amp;Simulate a phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="33"/>
        <location filename="../../ui/DeviceTestView.cpp" line="106"/>
        <source>Start the &amp;test endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="41"/>
        <source>The bundle the phone runs now (&quot;builtin&quot; for the one shipped in the store app)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="43"/>
        <source>Public key built into the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="46"/>
        <source>Phone step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="46"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="50"/>
        <source>The phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="52"/>
        <source>&amp;App id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="53"/>
        <source>&amp;Channel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="54"/>
        <source>&amp;Runs bundle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="55"/>
        <source>&amp;Public key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="64"/>
        <source>Test endpoint port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="67"/>
        <source>Let QA phones on this network ask for updates: point the app&apos;s updateUrl at the address shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="70"/>
        <source>Test update endpoint for real phones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="72"/>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="108"/>
        <source>The test endpoint is stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="127"/>
        <source>Stop the &amp;test endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="130"/>
        <source>Phones on this network can ask http://%1:%2/updates for the channels in the local workspace. Bundle URLs must be reachable by them too (use a storage profile with a public URL).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="154"/>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="163"/>
        <source>Choose the public key built into the app: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="167"/>
        <source>Give the app id the phone reports, for example com.example.app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="171"/>
        <source>The simulated phone is asking for an update…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::DonePage</name>
    <message>
        <location filename="../../ui/DonePage.cpp" line="30"/>
        <source>&amp;Simulate a phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="34"/>
        <source>Released</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="35"/>
        <source>Phones on the channel pick this version up at their next check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="42"/>
        <source>Signed checksum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="44"/>
        <source>Bundle URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="46"/>
        <source>Update response JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="48"/>
        <source>capacitor.config snippet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="62"/>
        <source>A simulated phone asks the update endpoint, downloads, decrypts and verifies the bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="64"/>
        <source>What the simulated phone did</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="65"/>
        <source>Phone step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="65"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="75"/>
        <source>Signed checksum:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="78"/>
        <source>Bundle URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="84"/>
        <source>Update response (what phones receive):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="86"/>
        <source>Public key for capacitor.config.ts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="123"/>
        <source>The phone downloaded, verified and would now run version %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="134"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="136"/>
        <source>Copy to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="137"/>
        <source>Copy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="145"/>
        <source>Copied %1 to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="165"/>
        <source>&lt;b&gt;%1 %2&lt;/b&gt; is published on channel &lt;b&gt;%3&lt;/b&gt; (release #%4, %5 encrypted, key_id &lt;tt&gt;%6&lt;/tt&gt;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="176"/>
        <source>(the public key file was not found next to %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="186"/>
        <source>The simulated phone is asking for an update…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::DropZone</name>
    <message>
        <location filename="../../ui/DropZone.cpp" line="15"/>
        <source>Drop area for a build folder or archive</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::HistoryView</name>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="33"/>
        <source>&amp;From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="34"/>
        <source>&amp;To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="37"/>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="37"/>
        <source>&amp;Promote…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="38"/>
        <source>Roll &amp;back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="38"/>
        <source>E&amp;xport…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="39"/>
        <source>E&amp;vidence…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="39"/>
        <source>Verify &amp;audit chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="44"/>
        <source>Search app, version, channel or notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="45"/>
        <source>Search releases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="48"/>
        <source>Filter by app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="50"/>
        <source>Filter by channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="52"/>
        <source>Filter by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="53"/>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="63"/>
        <source>From date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="64"/>
        <source>To date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="67"/>
        <location filename="../../ui/HistoryView.cpp" line="129"/>
        <source>Releases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="79"/>
        <source>Continue an interrupted release from where it stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="81"/>
        <source>Put this completed release on another channel (for example beta → production)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="83"/>
        <source>Point this release&apos;s channel back at it (undo a newer release)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="85"/>
        <source>Export the listed releases as CSV or JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="88"/>
        <source>Write an evidence folder for the selected release: record, steps and audit-chain seals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="90"/>
        <source>Check that no release or step was edited, deleted or inserted since it was recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="92"/>
        <source>Audit chain state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="130"/>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="167"/>
        <source>Export releases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="168"/>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="174"/>
        <source>Where to write the evidence folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="179"/>
        <source>Audit chain not checked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="237"/>
        <source>All apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="238"/>
        <source>All channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/HistoryView.cpp" line="263"/>
        <source>%n release(s) shown</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/HistoryView.cpp" line="264"/>
        <source>%n in the history</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="330"/>
        <source>Promote release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="330"/>
        <source>Put %1 %2 on which channel?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="343"/>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="346"/>
        <source>Rolled back: channel %1 of %2 serves %3 again (it served %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="348"/>
        <source>Promoted: channel %1 of %2 now serves %3 (it served %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="363"/>
        <source>✔ Audit chain intact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="367"/>
        <source>%1 entries and %2 rows checked; head %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="368"/>
        <source>The audit chain is intact: %1 entries and %2 rows checked. Head hash %3 (write it down to anchor today&apos;s history).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="375"/>
        <source>✖ Audit chain BROKEN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="380"/>
        <source>%1 #%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/HistoryView.cpp" line="383"/>
        <source>The audit chain is broken: %n problem(s). The history was changed outside Slipway:
%1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/HistoryView.cpp" line="397"/>
        <source>Exported %n release(s) to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="413"/>
        <source>Evidence for release #%1 written to %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::KeyInspector</name>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="34"/>
        <source>&amp;Open key file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="36"/>
        <source>Check &amp;match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="37"/>
        <source>E&amp;xport public key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="38"/>
        <source>Copy config &amp;snippet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="39"/>
        <source>C&amp;hange passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="43"/>
        <source>Known keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="45"/>
        <source>Inspect any private or public key file (.capgo_key_v2, .pub, .pem)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="51"/>
        <source>SHA-256 fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="58"/>
        <source>Read it out in pairs to compare it with a colleague&apos;s copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="60"/>
        <source>Releases signed with this key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="61"/>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="61"/>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="61"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="61"/>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="61"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="61"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="66"/>
        <source>passphrase, for a protected private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="67"/>
        <source>Passphrase of the inspected key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="69"/>
        <source>the other half: a public key (.pub) or private key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="70"/>
        <source>Key file to compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="72"/>
        <source>Do these two files belong to the same key pair?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="77"/>
        <source>The publicKey lines for capacitor.config.ts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="80"/>
        <source>new passphrase (at least 8 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="81"/>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="84"/>
        <source>repeat the new passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="85"/>
        <source>Repeat the new passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="94"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="97"/>
        <source>SHA-256 fingerprint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="100"/>
        <source>Check a key pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="107"/>
        <source>Export and protect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="119"/>
        <source>Releases signed with this key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="141"/>
        <source>Inspect a key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="153"/>
        <source>Export the public key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="161"/>
        <source>Public key written to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="172"/>
        <source>The capacitor.config snippet is on the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="201"/>
        <source>No key yet. The first release creates Slipway&apos;s default key; you can also create one in the release wizard or open a key file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="233"/>
        <source>RSA private key, protected by a passphrase (PKCS#8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="234"/>
        <source>RSA private key (Capgo .capgo_key_v2, not protected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="235"/>
        <source>RSA public key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="237"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="239"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="240"/>
        <source>%1 bits%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="242"/>
        <source> — phones need 2048</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="244"/>
        <location filename="../../ui/KeyInspector.cpp" line="246"/>
        <source>key_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="246"/>
        <source>enter the passphrase and press Check match to read it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="262"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="263"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="266"/>
        <source>Public half</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="276"/>
        <source>no release signed with this key yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="286"/>
        <source>Pick a key first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="291"/>
        <source>This private key is protected: enter its passphrase first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="295"/>
        <source>The passphrase does not unlock %1. Check it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="302"/>
        <source>Give the other key file to compare with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="313"/>
        <source>%1 cannot be read as a key: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="319"/>
        <source>✔ Same key pair: fingerprint %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="320"/>
        <source>✖ Not the same key pair. Phones holding %1 would refuse bundles signed with this key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="330"/>
        <source>Choose a new passphrase of at least 8 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="334"/>
        <source>The two new passphrases differ. Type the same passphrase twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="360"/>
        <source>Passphrase changed. Update your backup: the old file no longer opens with the new passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="361"/>
        <source>A protected copy was written to %1. Delete the unprotected file once your backup is updated.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::KeyPage</name>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="30"/>
        <source>Use a &amp;known key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="31"/>
        <source>&amp;Create a new key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="32"/>
        <source>&amp;Import a Capgo key file (.capgo_key_v2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="34"/>
        <source>Create &amp;key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="35"/>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="36"/>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="41"/>
        <source>Signing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="42"/>
        <source>Phones install a bundle only when it is signed by the private key whose public half is built into the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="49"/>
        <source>Known keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="51"/>
        <source>New key name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="52"/>
        <source>for example production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="54"/>
        <source>New key passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="56"/>
        <source>at least 8 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="58"/>
        <source>Repeat the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="61"/>
        <source>Generate an RSA-2048 key pair in Capgo&apos;s format, protected by the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="63"/>
        <source>Key file to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="64"/>
        <source>path of .capgo_key_v2 or .capgo_key_v2.enc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="67"/>
        <source>Key passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="81"/>
        <source>SHA-256 of the public key, in pairs to compare by eye with what a colleague reads out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="88"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="96"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="97"/>
        <source>Pass&amp;phrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="98"/>
        <source>&amp;Repeat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="109"/>
        <source>Selected key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="111"/>
        <source>key_id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="112"/>
        <source>Fingerprint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="113"/>
        <source>Kept at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="174"/>
        <location filename="../../ui/KeyPage.cpp" line="242"/>
        <source>creating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="197"/>
        <source>(passphrase)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="238"/>
        <source>— (create the key first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="240"/>
        <source>%1/&lt;name&gt;/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="247"/>
        <location filename="../../ui/KeyPage.cpp" line="248"/>
        <source>(unlocked with the passphrase)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="255"/>
        <source>this key is protected: enter its passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="256"/>
        <source>not needed for this key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="281"/>
        <source>Give the new key a name, for example &quot;production&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="286"/>
        <source>Choose a passphrase of at least 8 characters: it protects the key file at rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="291"/>
        <source>The two passphrases differ. Type the same passphrase twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="295"/>
        <source>Creating an RSA-2048 key pair…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="320"/>
        <source>Key &quot;%1&quot; created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="322"/>
        <source>&lt;b&gt;Back up this key now.&lt;/b&gt; It is kept at &lt;tt&gt;%1&lt;/tt&gt;, protected by your passphrase. If it is lost, phones will refuse every future update until a new app version with a new public key reaches the stores. Copy the whole folder to your password manager or a safe offline place, and never commit it to a repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="335"/>
        <source>Import a Capgo private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="336"/>
        <source>Capgo keys (.capgo_key_v2 .capgo_key_v2.enc *.pem);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="348"/>
        <source>This key is protected by a passphrase. Enter it to sign the release.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="355"/>
        <source>The passphrase does not unlock this key. Check it and try again (it is case-sensitive).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::KeysView</name>
    <message>
        <location filename="../../ui/KeysView.cpp" line="13"/>
        <source>Key inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeysView.cpp" line="14"/>
        <source>Signature check</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::MainWindow</name>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="38"/>
        <source>Slipway — release manager for Capacitor live updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="42"/>
        <source>Navigation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="53"/>
        <source>Releases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="53"/>
        <source>The release history (Ctrl+1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="54"/>
        <source>New release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="54"/>
        <source>Release a web build (Ctrl+2, Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="55"/>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="55"/>
        <source>Inspect signing keys and check signatures (Ctrl+3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="56"/>
        <source>Targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="56"/>
        <source>Storage profiles where bundles are published (Ctrl+4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="57"/>
        <source>Device test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="57"/>
        <source>Simulate a phone against an update endpoint (Ctrl+5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="99"/>
        <source>Data folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="163"/>
        <source>&lt;b&gt;Welcome to Slipway.&lt;/b&gt; Your local workspace is ready: history, storage folder and update channel under &lt;tt&gt;%1&lt;/tt&gt;. No account is needed. Try a complete encrypted release of the demo web build, then watch a simulated phone pick it up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="169"/>
        <source>&amp;Try the demo release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="172"/>
        <source>Opens the release wizard with the demo build chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="173"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="221"/>
        <source>A release was running: it is being cancelled and can be resumed later from the history.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::MessageBar</name>
    <message>
        <location filename="../../ui/MessageBar.cpp" line="25"/>
        <source>Dismiss this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MessageBar.cpp" line="26"/>
        <source>Dismiss message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::PhoneSimulation</name>
    <message>
        <location filename="../../ui/PhoneSimulation.cpp" line="31"/>
        <source>Start the test update endpoint</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::RegistrarProfileEditor</name>
    <message>
        <location filename="../../ui/RegistrarProfileEditor.cpp" line="16"/>
        <source>Update service (registration)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RegistrarProfileEditor.cpp" line="18"/>
        <source>Save &amp;service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RegistrarProfileEditor.cpp" line="18"/>
        <source>Remove s&amp;ervice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RegistrarProfileEditor.cpp" line="22"/>
        <source>Update service profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RegistrarProfileEditor.cpp" line="25"/>
        <source>capgo-cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RegistrarProfileEditor.cpp" line="28"/>
        <source>Capgo Cloud, or the API host of a self-hosted Capgo backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RegistrarProfileEditor.cpp" line="31"/>
        <source>Capgo API key: kept in the keychain (CAPGO_TOKEN overrides it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RegistrarProfileEditor.cpp" line="36"/>
        <source>Na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RegistrarProfileEditor.cpp" line="37"/>
        <source>API &amp;host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RegistrarProfileEditor.cpp" line="38"/>
        <source>API &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RegistrarProfileEditor.cpp" line="80"/>
        <source>Give the API host as a URL, for example %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RegistrarProfileEditor.cpp" line="88"/>
        <source>Update service &quot;%1&quot; saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RegistrarProfileEditor.cpp" line="93"/>
        <source>The profile was saved but its API key could not go to the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RegistrarProfileEditor.cpp" line="98"/>
        <source>Its API key is in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RegistrarProfileEditor.cpp" line="114"/>
        <source>Update service &quot;%1&quot; removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::ReleaseCharts</name>
    <message>
        <location filename="../../ui/ReleaseCharts.cpp" line="39"/>
        <location filename="../../ui/ReleaseCharts.cpp" line="78"/>
        <source>Releases per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseCharts.cpp" line="41"/>
        <source>Bundle size per version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseCharts.cpp" line="66"/>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseCharts.cpp" line="67"/>
        <source>interrupted or refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseCharts.cpp" line="84"/>
        <location filename="../../ui/ReleaseCharts.cpp" line="118"/>
        <source>no releases yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseCharts.cpp" line="106"/>
        <source>Bundle size per version (KiB)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::ReleaseDetailPane</name>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="21"/>
        <source>Details of the selected release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="27"/>
        <source>Steps of the selected release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="28"/>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="28"/>
        <source>Attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="28"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="28"/>
        <source>Took</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="28"/>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="42"/>
        <source>&lt;p&gt;Select a release to see its steps, hashes, key and where it was published.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="48"/>
        <source>&lt;h3&gt;No release yet&lt;/h3&gt;&lt;p&gt;Press &lt;b&gt;New release&lt;/b&gt; (Ctrl+N) to release a web build, or use &lt;b&gt;Try the demo release&lt;/b&gt; to see a complete encrypted release of the demo build in under a minute.&lt;/p&gt;&lt;p&gt;Every release appears here with its steps, hashes, key and where it was published.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="70"/>
        <source>Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="72"/>
        <source>, %1 attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="73"/>
        <source>Why it stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="74"/>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="76"/>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="77"/>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="78"/>
        <source>key_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="79"/>
        <source>Key fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="81"/>
        <source>Zip SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="82"/>
        <source>Encrypted SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="83"/>
        <source>Signed checksum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="84"/>
        <source>Session key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="87"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="87"/>
        <source>%1 files, %2 zipped, %3 encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="90"/>
        <source>Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="91"/>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="92"/>
        <source>Registration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="95"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="103"/>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::ReleaseTableModel</name>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="46"/>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="48"/>
        <source>interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="50"/>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="52"/>
        <source>refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="106"/>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="108"/>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="110"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="112"/>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="114"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="116"/>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="118"/>
        <source>Bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="120"/>
        <source>key_id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::ReleaseWizard</name>
    <message>
        <location filename="../../ui/ReleaseWizard.cpp" line="18"/>
        <source>New release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseWizard.cpp" line="36"/>
        <source>Next step (Alt+N)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::ReviewPage</name>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="22"/>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="23"/>
        <source>Nothing has been published yet. Check what will happen, then press Release.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="25"/>
        <source>&amp;Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="27"/>
        <source>Where to publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="28"/>
        <source>Storage profiles are edited under Targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="36"/>
        <source>&amp;Publish to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="37"/>
        <source>Re&amp;gister with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="39"/>
        <source>Where the release is registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="40"/>
        <source>Update service profiles are edited under Targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="53"/>
        <source>Local workspace (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="57"/>
        <location filename="../../ui/ReviewPage.cpp" line="66"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="63"/>
        <source>Local channel manifest next to the bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/ReviewPage.cpp" line="84"/>
        <source>%n file(s), %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="88"/>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="89"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="90"/>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="91"/>
        <source>Build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="94"/>
        <source>Signing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="97"/>
        <source>Publish to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="98"/>
        <source>Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="100"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="102"/>
        <source>What happens when you press Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="104"/>
        <source>Package the build into a zip and compute its SHA-256.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="105"/>
        <source>Encrypt it with a fresh AES session key; wrap the session key and sign the checksum with your private key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="107"/>
        <source>Verify the result exactly as a phone will (decrypt, checksum, safe paths, index.html).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="108"/>
        <source>Upload the encrypted bundle to the storage above and read it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="109"/>
        <source>Point channel &quot;%1&quot; at the new version: phones on that channel will download it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="110"/>
        <source>Record every step in the history, sealed by the audit chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="115"/>
        <source>Cancel stops at any moment; an interrupted release can be resumed from the history.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::RunPage</name>
    <message>
        <location filename="../../ui/RunPage.cpp" line="42"/>
        <source>&amp;Cancel release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="43"/>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="46"/>
        <source>Releasing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="47"/>
        <source>Each step is recorded in the history as it happens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="51"/>
        <source>Stop the release now; it stays in the history as interrupted and can be resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="53"/>
        <source>Continue from the last step whose results still check out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="70"/>
        <source>%1 progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="99"/>
        <source>Release #%1, attempt %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="100"/>
        <source>Release #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="154"/>
        <source>Resuming release #%1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="158"/>
        <source>Starting %1 %2 on %3…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="162"/>
        <source>Another release is still running in this window. Wait for it to finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="172"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="192"/>
        <source>working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="205"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="209"/>
        <source>, %1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="223"/>
        <source>done in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="235"/>
        <source>Release #%1 completed in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="236"/>
        <source>%1 %2 is live on %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="239"/>
        <source>Release #%1 was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="240"/>
        <source>Cancelled. The release is kept as interrupted: press Resume to continue it, now or later from the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="244"/>
        <source>Release #%1 stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="245"/>
        <source>The release stopped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::SignatureCheckView</name>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="45"/>
        <source>A release from the &amp;history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="46"/>
        <source>&amp;Files: an encrypted bundle with its session key and signed checksum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="49"/>
        <source>Check as a &amp;phone would</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="56"/>
        <source>Release to check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="58"/>
        <source>the encrypted bundle (.zip) as phones download it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="59"/>
        <location filename="../../ui/SignatureCheckView.cpp" line="116"/>
        <source>Encrypted bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="61"/>
        <source>session_key (IV:wrapped key, base64)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="62"/>
        <source>Session key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="64"/>
        <source>checksum (signed, base64)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="65"/>
        <source>Signed checksum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="67"/>
        <source>Public key the phone holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="69"/>
        <source>or a public key file (.capgo_key_v2.pub)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="70"/>
        <source>Public key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="75"/>
        <source>Device verification steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="76"/>
        <source>Device step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="76"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="84"/>
        <source>Bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="87"/>
        <source>Release:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="89"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="93"/>
        <source>Encrypted bundle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="94"/>
        <source>Session key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="95"/>
        <source>Signed checksum:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="96"/>
        <source>Public key in the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="98"/>
        <source>Known key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="99"/>
        <source>Or file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="135"/>
        <source>#%1  %2 %3 (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="139"/>
        <source>no completed release yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="145"/>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="153"/>
        <source>Choose the public key the app holds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="173"/>
        <source>Pick a completed release, or switch to files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="182"/>
        <source>Give the encrypted bundle, its session key and its signed checksum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="186"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="237"/>
        <source>✔ A phone holding this key ACCEPTS the bundle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="238"/>
        <source>✖ A phone holding this key REFUSES the bundle: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::TargetsView</name>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="26"/>
        <source>&amp;New profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="27"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="27"/>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="28"/>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="32"/>
        <source>Storage profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="34"/>
        <source>prod-cdn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="36"/>
        <source>s3://bucket/prefix?endpoint=https://host&amp;region=eu-west-1   https://dav.example.com/bundles   sftp://user@host/path   file:///srv/bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="39"/>
        <source>Where bundles go. S3-compatible, WebDAV/HTTP PUT, SFTP or a folder. Never put a password in the URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="41"/>
        <source>optional: https://cdn.example.com/bundles (what phones download from)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="43"/>
        <source>S3 access key id (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="46"/>
        <source>S3 secret key, WebDAV password or SFTP key passphrase: kept in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="51"/>
        <source>Storage profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="53"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="54"/>
        <source>&amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="55"/>
        <source>&amp;Public URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="56"/>
        <source>&amp;Access key id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="57"/>
        <source>S&amp;ecret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="66"/>
        <source>Without a profile, releases go to the local workspace folder %1 and its local channels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="76"/>
        <source>Saved storage profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="142"/>
        <source>Profile &quot;%1&quot; saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="162"/>
        <source>The profile was saved but its secret could not go to the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="167"/>
        <source>Its secret is in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="183"/>
        <source>Profile &quot;%1&quot; removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="197"/>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="213"/>
        <source>The connection failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="215"/>
        <source>Connected: %1 answers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
