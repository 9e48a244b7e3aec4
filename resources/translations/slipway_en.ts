<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>QObject</name>
    <message>
        <location filename="../../ui/DemoWorkspace.cpp" line="33"/>
        <source>The demo build in this copy of Slipway cannot be read (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DemoWorkspace.cpp" line="44"/>
        <source>Cannot write the demo build to %1. Check that the data folder is writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DemoWorkspace.cpp" line="49"/>
        <source>The demo build is missing from this copy of Slipway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DemoWorkspace.cpp" line="64"/>
        <source>Demo release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KnownKeys.cpp" line="139"/>
        <location filename="../../ui/KnownKeys.cpp" line="187"/>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DemoWorkspace.cpp" line="65"/>
        <location filename="../../ui/KnownKeys.cpp" line="101"/>
        <location filename="../../ui/KnownKeys.cpp" line="199"/>
        <source>Slipway default key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KnownKeys.cpp" line="40"/>
        <source>key_id %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KnownKeys.cpp" line="42"/>
        <source>fingerprint %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KnownKeys.cpp" line="43"/>
        <source>key_id %1 (fingerprint %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KnownKeys.cpp" line="122"/>
        <source>%1 (imported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KnownKeys.cpp" line="131"/>
        <source>Name the key with letters, digits, dots, dashes or underscores (for example &quot;production&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KnownKeys.cpp" line="136"/>
        <source>A key named &quot;%1&quot; already exists. Choose another name or pick it from the known keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KnownKeys.cpp" line="181"/>
        <source>Choose a passphrase of at least 8 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KnownKeys.cpp" line="195"/>
        <source>The protected copy at %1 could not be read back, so the unprotected key was kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="35"/>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="38"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="39"/>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="291"/>
        <source>Cannot fetch the bundle from %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="346"/>
        <source>the system keyring did not give this profile&apos;s secret (%1). Type the secret above and test again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::BuildPage</name>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="36"/>
        <source>Choose &amp;folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="37"/>
        <source>Choose &amp;archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="38"/>
        <source>Use the &amp;demo build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="43"/>
        <source>Web build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="44"/>
        <source>The folder your web build lands in (dist, www, build) or the archive your CI produced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="46"/>
        <source>Drop a build folder or a CI archive (.zip, .tar.gz, .tar.xz, .7z) here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="50"/>
        <source>Build folder or archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="51"/>
        <source>/path/to/your/app/dist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="57"/>
        <source>A tiny Capacitor web build shipped with Slipway: try a complete release without an app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="59"/>
        <source>Recent builds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="62"/>
        <source>com.example.app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="63"/>
        <source>The appId of your Capacitor app (reverse domain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="65"/>
        <source>1.2.3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="66"/>
        <source>The bundle version phones will report (semantic versioning)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="68"/>
        <source>The channel phones follow, for example production or beta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="70"/>
        <source>optional: what changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="75"/>
        <source>Build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="84"/>
        <source>&amp;Recent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="91"/>
        <source>Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="93"/>
        <source>A&amp;pp id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="94"/>
        <source>&amp;Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="95"/>
        <source>C&amp;hannel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="96"/>
        <source>&amp;Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="116"/>
        <source>Choose the web build folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="127"/>
        <source>Choose a CI build archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="128"/>
        <source>Build archives (*.zip *.tar *.tar.gz *.tgz *.tar.bz2 *.tar.xz *.tar.zst *.7z);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="185"/>
        <source>app id from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="190"/>
        <source>version from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="193"/>
        <source>Prefilled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="213"/>
        <source>%1 %2 is already released on %3, so the next version %4 is suggested.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="231"/>
        <source>&quot;%1&quot; is not an app id. Use your Capacitor appId, for example com.example.app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="237"/>
        <source>&quot;%1&quot; is not a version phones understand. Use semantic versioning, for example 1.4.0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="251"/>
        <source>%1 %2 is already released on channel %3 (release #%4). Choose a newer version, for example %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="256"/>
        <source>Release #%4 of %1 %2 on channel %3 is not finished yet (%6): resume it from Releases, or choose another version, for example %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/BuildPage.cpp" line="288"/>
        <source>No recent builds yet: try the demo build</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::ChannelChangeDialog</name>
    <message>
        <location filename="../../ui/ChannelChangeDialog.cpp" line="23"/>
        <source>Promote %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelChangeDialog.cpp" line="24"/>
        <source>Roll back to %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelChangeDialog.cpp" line="26"/>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelChangeDialog.cpp" line="29"/>
        <source>serves %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelChangeDialog.cpp" line="29"/>
        <source>serves nothing that can be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelChangeDialog.cpp" line="30"/>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelChangeDialog.cpp" line="33"/>
        <source>A new channel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelChangeDialog.cpp" line="49"/>
        <source>New channel name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelChangeDialog.cpp" line="50"/>
        <source>for example beta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelChangeDialog.cpp" line="62"/>
        <source>&amp;Channel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelChangeDialog.cpp" line="65"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelChangeDialog.cpp" line="110"/>
        <source>Promote to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelChangeDialog.cpp" line="110"/>
        <source>Roll back to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelChangeDialog.cpp" line="113"/>
        <source>Name the channel with letters, digits, dots, dashes or underscores, for example beta.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelChangeDialog.cpp" line="119"/>
        <source>Channel %1 of %2 already serves %3: there is nothing to change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelChangeDialog.cpp" line="125"/>
        <source>Channel %1 of %2 will serve %3. Phones on it download %3 at their next check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelChangeDialog.cpp" line="127"/>
        <source>Channel %1 of %2 will serve %3 instead of %4. Phones on it switch to %3 at their next check.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::ChannelsView</name>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="55"/>
        <location filename="../../ui/ChannelsView.cpp" line="101"/>
        <source>Roll out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="56"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="56"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="57"/>
        <source>Promote to stable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="58"/>
        <source>Abort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="64"/>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="67"/>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="67"/>
        <source>Stable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="67"/>
        <source>Rollout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="67"/>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="67"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="83"/>
        <source>Version to roll out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="85"/>
        <source>Share of devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="98"/>
        <source>App:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="103"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="281"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="336"/>
        <source>No channel yet: release to one first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="338"/>
        <source>Channel %1 serves nothing that can be read now: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="342"/>
        <source>Channel %1 serves %2 to every device; no rollout is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="350"/>
        <source>Channel %1: stable %2; rolling out %3 to %4 % of the devices (%5, rollout %6).
Policy: %7.
%8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="358"/>
        <source>The health policy halted this rollout at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="368"/>
        <source>Adoption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="368"/>
        <source>Adoption of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="370"/>
        <source>devices that switched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="372"/>
        <source>devices that failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="409"/>
        <source>Devices per version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="410"/>
        <source>applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="411"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="451"/>
        <source>Changing channel %1 of %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChannelsView.cpp" line="455"/>
        <source>from the Slipway window</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::ChecksPage</name>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="26"/>
        <source>Check &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="27"/>
        <source>&amp;Stop checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="30"/>
        <source>Pre-flight checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="31"/>
        <source>What a phone needs from this build, checked before anything is packaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="33"/>
        <source>Pre-flight check results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="35"/>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="35"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="44"/>
        <source>Run the checks again after fixing the build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="47"/>
        <source>Stop looking through this folder (for example when it is not the web build)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="68"/>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="91"/>
        <source>Looking through %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/ChecksPage.cpp" line="115"/>
        <source>Looking through %1: %n file(s) and folder(s), %2 so far…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="134"/>
        <source>Checking %1 was stopped. If it is not your web build, go Back and choose the folder your build writes (often dist/ or www/).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="139"/>
        <source>%1 is far larger than a web build: it holds more than %2 files or more than %3. Go Back and choose the folder your web build writes (often dist/ or www/).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/ChecksPage.cpp" line="176"/>
        <source>%n file(s), %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="179"/>
        <source>This build cannot be released yet:
%1
Fix the build, then press Check again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ChecksPage.cpp" line="183"/>
        <source>All blocking checks passed — %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::DeviceTestView</name>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="33"/>
        <source>&amp;Simulate a phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="35"/>
        <location filename="../../ui/DeviceTestView.cpp" line="123"/>
        <source>Start the &amp;test endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="43"/>
        <source>The bundle the phone runs now (&quot;builtin&quot; for the one shipped in the store app)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="45"/>
        <source>Public key built into the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="48"/>
        <source>Phone step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="48"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="52"/>
        <source>The phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="54"/>
        <source>&amp;App id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="55"/>
        <source>&amp;Channel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="56"/>
        <source>&amp;Runs bundle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="57"/>
        <source>&amp;Public key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="66"/>
        <source>Test endpoint port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="69"/>
        <source>Let QA phones on this network ask for updates: point the app&apos;s updateUrl at the address shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="72"/>
        <source>Test update endpoint for real phones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="74"/>
        <source>Who may reach the test endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="75"/>
        <source>This computer only (127.0.0.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="76"/>
        <source>Every network interface: phones on this network too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="77"/>
        <source>Listening on every interface lets anyone on this network ask for your channels&apos; bundles; use it on a trusted network for QA phones only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="80"/>
        <source>&amp;Listen on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="82"/>
        <source>P&amp;ort:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="156"/>
        <source>The test endpoint listens on every network interface: anyone on this network can ask %1 for the channels in the local workspace. Bundle URLs must be reachable by the phones too (use a storage profile with a public URL). Stop it when the test is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="162"/>
        <source>The test endpoint answers on this computer only, at %1. To let phones on this network reach it, stop it and choose every network interface.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="126"/>
        <source>The test endpoint is stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="149"/>
        <source>Listening on every network interface: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="150"/>
        <source>Listening on this computer only: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="151"/>
        <source>Stop the &amp;test endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="213"/>
        <source>Choose the public key built into the app: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="217"/>
        <source>Give the app id the phone reports, for example com.example.app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DeviceTestView.cpp" line="221"/>
        <source>The simulated phone is asking for an update…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::DonePage</name>
    <message>
        <location filename="../../ui/DonePage.cpp" line="31"/>
        <source>DEMO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="35"/>
        <source>&amp;Simulate a phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="39"/>
        <location filename="../../ui/DonePage.cpp" line="217"/>
        <source>Released</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="40"/>
        <location filename="../../ui/DonePage.cpp" line="221"/>
        <source>Phones on the channel pick this version up at their next check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="58"/>
        <source>Signed checksum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="60"/>
        <source>Bundle URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="62"/>
        <source>Update response JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="64"/>
        <source>capacitor.config snippet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="78"/>
        <source>A simulated phone asks the update endpoint, downloads, decrypts and verifies the bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="86"/>
        <source>What the simulated phone did</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="87"/>
        <source>Phone step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="87"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="94"/>
        <source>&amp;Technical details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="95"/>
        <source>Key, signed checksum, bundle URL, the update response phones receive and the public key for the app&apos;s configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="106"/>
        <source>Signed with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="108"/>
        <source>Signed checksum:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="111"/>
        <source>Bundle URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="117"/>
        <source>Update response (what phones receive):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="119"/>
        <source>Public key for capacitor.config.ts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="161"/>
        <source>✔ A phone accepted version %1: it downloaded it, checked that it comes from you and is intact, and would now run it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="166"/>
        <source>The phone downloaded, verified and would now run version %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="169"/>
        <source>✖ The phone did not take it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="188"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="190"/>
        <source>Copy to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="191"/>
        <source>Copy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="199"/>
        <source>Copied %1 to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="217"/>
        <source>Demo released</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="217"/>
        <source>Rollout started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="219"/>
        <source>Only the rollout&apos;s share of the phones picks this version up; the others keep the stable release.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="227"/>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;&lt;b&gt;The rollout of version %1 of %2 started: %3 % of the devices on %4 get it.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;The other devices on the &lt;b&gt;%4&lt;/b&gt; channel stay on &lt;b&gt;%5&lt;/b&gt;. Watch its health, widen it, promote it to everyone or abort it in the &lt;b&gt;Channels&lt;/b&gt; view (Ctrl+6); &lt;tt&gt;slipway serve&lt;/tt&gt; halts it by itself when too many devices fail.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="236"/>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;&lt;b&gt;Version %1 of %2 is published.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Phones that follow the &lt;b&gt;%3&lt;/b&gt; channel download it the next time the app checks for an update, make sure it really comes from you, and switch to it. Press &lt;b&gt;Simulate a phone&lt;/b&gt; to watch one do it.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="244"/>
        <source>&lt;p&gt;Phones already on &lt;b&gt;%1&lt;/b&gt; download only what changed: &lt;b&gt;%2 of %3 files, %4&lt;/b&gt;, instead of the whole %5 bundle.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="259"/>
        <source>(the public key file was not found next to %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/DonePage.cpp" line="269"/>
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
    <name>slipway::ui::HistoryLocationDialog</name>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="36"/>
        <source>&amp;Local file on this computer (SQLite)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="37"/>
        <source>&amp;Team database shared by every desk (PostgreSQL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="40"/>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="249"/>
        <source>Test co&amp;nnection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="46"/>
        <source>Release history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="47"/>
        <source>Where Slipway keeps every release, its steps and the audit chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="59"/>
        <source>for example db.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="63"/>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="65"/>
        <source>for example slipway_history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="69"/>
        <source>kept in the system keyring; empty: unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="76"/>
        <source>prefer: TLS when the server offers it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="77"/>
        <source>require: TLS always, certificate not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="78"/>
        <source>verify-ca: TLS with a trusted certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="79"/>
        <source>verify-full: TLS, trusted certificate for this host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="80"/>
        <source>disable: never TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="86"/>
        <source>Connect with what is typed here, without saving it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="91"/>
        <source>Connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="100"/>
        <source>Po&amp;rt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="104"/>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="107"/>
        <source>&amp;Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="108"/>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="109"/>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="110"/>
        <source>SSL &amp;mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="119"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="158"/>
        <source>Slipway was started with --history or SLIPWAY_HISTORY; that choice wins at every start while it is given. Saving here switches this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="161"/>
        <source>PGPASSWORD is set in Slipway&apos;s environment: the server gets that password, not the one saved here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="214"/>
        <source>Type the host of the PostgreSQL server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="216"/>
        <source>Type the name of the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="218"/>
        <source>Type the user Slipway logs in as.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="260"/>
        <source>Stopped waiting for the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="268"/>
        <source>Choose the team database to test a connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="274"/>
        <source>Stop &amp;waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="275"/>
        <source>Connecting to %1:%2 (at most %3 seconds)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="308"/>
        <source>Putting the password in the system keyring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="335"/>
        <source>Nothing is saved yet: %1. Press Save again to use the system keyring anyway, or leave the password empty and give it in PGPASSWORD or ~/.pgpass.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryLocationDialog.cpp" line="343"/>
        <source>Nothing was saved: the password could not be put in the system keyring (%1). Leave the password empty and give it in PGPASSWORD or ~/.pgpass, or make the keyring usable and save again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::HistoryView</name>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="43"/>
        <source>Release &amp;history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="45"/>
        <source>&amp;From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="46"/>
        <source>&amp;To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="49"/>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="49"/>
        <source>&amp;Promote…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="50"/>
        <source>Roll &amp;back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="50"/>
        <source>E&amp;xport…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="51"/>
        <source>E&amp;vidence…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="51"/>
        <source>Verify &amp;audit chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="56"/>
        <source>Search app, version, channel or notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="57"/>
        <source>Search releases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="60"/>
        <source>Filter by app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="62"/>
        <source>Filter by channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="66"/>
        <source>Filter by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="67"/>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="77"/>
        <source>From date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="78"/>
        <source>To date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="81"/>
        <location filename="../../ui/HistoryView.cpp" line="154"/>
        <source>Releases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="97"/>
        <source>Continue an interrupted release from where it stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="99"/>
        <source>Put this completed release on another channel (for example beta → production)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="101"/>
        <source>Point this release&apos;s channel back at it (undo a newer release); asks first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="106"/>
        <source>Write an evidence package (tar.xz) for a security review of the selected release: its record, steps, key, checksums, bundle and audit-chain seals, with a README saying how to check each with openssl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="211"/>
        <source>Write the evidence package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="213"/>
        <source>Evidence package (*.tar.xz)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="571"/>
        <source>rolled back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="572"/>
        <source>promoted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="573"/>
        <source>published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="574"/>
        <source>%1 from %2 to %3 by %4, %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="103"/>
        <source>Export the listed releases as CSV or JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="109"/>
        <source>Check that no release or step was edited, deleted or inserted since it was recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="111"/>
        <source>Audit chain state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="155"/>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="157"/>
        <source>What each channel serves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="158"/>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="158"/>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="158"/>
        <source>Serves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="158"/>
        <source>Last change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="163"/>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="202"/>
        <source>Export releases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="203"/>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="218"/>
        <source>Audit chain not checked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="223"/>
        <source>Use the local history file or a team&apos;s PostgreSQL database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="227"/>
        <source>Use the &amp;local history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="229"/>
        <source>Open the SQLite history of this computer for this session (the saved choice stays)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="230"/>
        <source>Re&amp;connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/HistoryView.cpp" line="327"/>
        <source>Other desks&apos; releases do not appear by themselves until the connection is back (tried every %n second(s)): %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="338"/>
        <source>Local history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="343"/>
        <source>Team history — live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="343"/>
        <source>Team history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="344"/>
        <source>%1: releases from other desks appear as they are recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="376"/>
        <source>All apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="377"/>
        <source>All channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/HistoryView.cpp" line="471"/>
        <source>%n release(s) shown</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/HistoryView.cpp" line="472"/>
        <source>%n in the history</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="473"/>
        <source>the history could not be counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="474"/>
        <source>counting the history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="575"/>
        <location filename="../../ui/HistoryView.cpp" line="711"/>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="576"/>
        <source>unknown user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="581"/>
        <source>cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="619"/>
        <source>The filters were cleared to show the new release.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="695"/>
        <source>Rolling channel %1 of %2 back to %3…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="696"/>
        <source>Promoting %3 to channel %1 of %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="712"/>
        <source>Rolled back: channel %1 of %2 serves %3 again (it served %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="714"/>
        <source>Promoted: channel %1 of %2 now serves %3 (it served %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="727"/>
        <source>Checking the audit chain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="744"/>
        <source>✔ Audit chain intact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="748"/>
        <source>%1 entries and %2 rows checked; head %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="749"/>
        <source>The audit chain is intact: %1 entries and %2 rows checked. Head hash %3 (write it down to anchor today&apos;s history).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="756"/>
        <source>✖ Audit chain BROKEN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="761"/>
        <source>%1 #%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/HistoryView.cpp" line="764"/>
        <source>The audit chain is broken: %n problem(s). The history was changed outside Slipway:
%1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/HistoryView.cpp" line="775"/>
        <source>Exporting %n release(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/HistoryView.cpp" line="788"/>
        <source>Exported %n release(s) to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="803"/>
        <source>Writing the evidence package for release #%1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/HistoryView.cpp" line="813"/>
        <source>Evidence for release #%1 written to %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::KeyInspector</name>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="41"/>
        <source>&amp;Open key file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="43"/>
        <source>Check &amp;match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="44"/>
        <source>E&amp;xport public key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="45"/>
        <source>Copy config &amp;snippet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="46"/>
        <location filename="../../ui/KeyInspector.cpp" line="359"/>
        <source>C&amp;hange passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="57"/>
        <source>Known keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="59"/>
        <source>Inspect any private or public key file (.capgo_key_v2, .pub, .pem)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="65"/>
        <source>SHA-256 fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="72"/>
        <source>Read it out in pairs to compare it with a colleague&apos;s copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="74"/>
        <source>Releases signed with this key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="75"/>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="75"/>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="75"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="75"/>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="75"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="75"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="80"/>
        <source>passphrase, for a protected private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="81"/>
        <source>Passphrase of the inspected key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="83"/>
        <source>the other half: a public key (.pub) or private key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="84"/>
        <source>Key file to compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="86"/>
        <source>Do these two files belong to the same key pair?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="91"/>
        <source>The publicKey lines for capacitor.config.ts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="94"/>
        <source>new passphrase (at least 8 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="95"/>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="98"/>
        <source>repeat the new passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="99"/>
        <source>Repeat the new passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="108"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="111"/>
        <source>SHA-256 fingerprint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="114"/>
        <source>Check a key pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="121"/>
        <source>Export and protect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="134"/>
        <source>Releases signed with this key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="144"/>
        <source>What a release key protects, what it does not, and hardware keys: &lt;a href=&quot;%1&quot;&gt;the threat model (docs/security.md)&lt;/a&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="147"/>
        <source>What a release key protects, what it does not, and hardware keys: the threat model in docs/security.md.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="167"/>
        <source>Inspect a key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="181"/>
        <source>Export the public key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="190"/>
        <source>Public key written to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="201"/>
        <source>The capacitor.config snippet is on the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="215"/>
        <source>%1 (not protected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="231"/>
        <source>No key yet. The first release creates Slipway&apos;s default key; you can also create one in the release wizard or open a key file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="273"/>
        <source>RSA private key, protected by a passphrase (PKCS#8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="274"/>
        <source>RSA private key (Capgo .capgo_key_v2, not protected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="275"/>
        <source>RSA public key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="277"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="279"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="280"/>
        <source>%1 bits%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="282"/>
        <source> — phones need 2048</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="285"/>
        <location filename="../../ui/KeyInspector.cpp" line="290"/>
        <source>key_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="288"/>
        <source>fingerprint %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="290"/>
        <source>enter the passphrase and press Check match to read it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="293"/>
        <source>reading the release history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="299"/>
        <location filename="../../ui/KeyInspector.cpp" line="301"/>
        <location filename="../../ui/KeyInspector.cpp" line="306"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="306"/>
        <source>not recorded; the key file was created %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="307"/>
        <source>not recorded; the key file was last changed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="311"/>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="314"/>
        <location filename="../../ui/KeyInspector.cpp" line="319"/>
        <source>First signed a release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="317"/>
        <source>Releases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="317"/>
        <source>not known: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="322"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="315"/>
        <location filename="../../ui/KeyInspector.cpp" line="324"/>
        <source>Phones expect it on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="325"/>
        <source>no channel yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="328"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="331"/>
        <source>Public half</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/KeyInspector.cpp" line="343"/>
        <source>… and %n older release(s) signed with this key</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="345"/>
        <location filename="../../ui/KeyInspector.cpp" line="347"/>
        <source>no release signed with this key yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="354"/>
        <source>&lt;b&gt;This is Slipway&apos;s default key, and it is not protected.&lt;/b&gt; Slipway made it on its own the first time a release needed a key, and keeps it unencrypted at &lt;tt&gt;%1&lt;/tt&gt;: anyone who can read that file can sign updates that your users&apos; phones will install. Protect it with a passphrase below (the key pair stays the same, so apps that trust it keep working), and keep a backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="360"/>
        <source>&amp;Protect with a passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="414"/>
        <source>Pick a key first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="419"/>
        <source>This private key is protected: enter its passphrase first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="423"/>
        <source>The passphrase does not unlock %1. Check it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="430"/>
        <source>Give the other key file to compare with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="441"/>
        <source>%1 cannot be read as a key: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="447"/>
        <source>✔ Same key pair: fingerprint %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="448"/>
        <source>✖ Not the same key pair. Phones holding %1 would refuse bundles signed with this key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="458"/>
        <source>Choose a new passphrase of at least 8 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="462"/>
        <source>The two new passphrases differ. Type the same passphrase twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="476"/>
        <source>The default key is protected now: %1. Releases ask for its passphrase. Update your backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="505"/>
        <source>Passphrase changed. Update your backup: the old file no longer opens with the new passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyInspector.cpp" line="506"/>
        <source>A protected copy was written to %1. Delete the unprotected file once your backup is updated.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::KeyPage</name>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="34"/>
        <source>Use a &amp;known key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="35"/>
        <source>&amp;Create a new key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="36"/>
        <source>&amp;Import a Capgo key file (.capgo_key_v2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="38"/>
        <source>Create &amp;key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="39"/>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="40"/>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="43"/>
        <source>Use a &amp;hardware key (smart card, YubiKey, HSM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="44"/>
        <source>&amp;Find tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="47"/>
        <source>Signing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="48"/>
        <source>Phones install a bundle only when it is signed by the private key whose public half is built into the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="55"/>
        <source>Known keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="57"/>
        <source>New key name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="58"/>
        <source>for example production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="60"/>
        <source>New key passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="62"/>
        <source>at least 8 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="64"/>
        <source>Repeat the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="67"/>
        <source>Generate an RSA-2048 key pair in Capgo&apos;s format, protected by the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="69"/>
        <source>Key file to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="70"/>
        <source>path of .capgo_key_v2 or .capgo_key_v2.enc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="73"/>
        <source>Key passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="87"/>
        <source>SHA-256 of the public key, in pairs to compare by eye with what a colleague reads out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="95"/>
        <source>Keys on hardware tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="96"/>
        <location filename="../../ui/KeyPage.cpp" line="467"/>
        <source>press Find tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="98"/>
        <source>List the keys on the tokens the PKCS#11 module sees (no PIN needed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="101"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="109"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="110"/>
        <source>Pass&amp;phrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="111"/>
        <source>&amp;Repeat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="125"/>
        <source>Selected key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="127"/>
        <source>key_id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="128"/>
        <source>Fingerprint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="129"/>
        <source>Kept at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="197"/>
        <location filename="../../ui/KeyPage.cpp" line="273"/>
        <source>creating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="222"/>
        <source>(passphrase)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="269"/>
        <source>— (create the key first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="271"/>
        <source>%1/&lt;name&gt;/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="278"/>
        <location filename="../../ui/KeyPage.cpp" line="279"/>
        <source>(unlocked with the passphrase)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="283"/>
        <source> — made by Slipway on first use and not protected by a passphrase (protect it under Keys)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="290"/>
        <source>this key is protected: enter its passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="291"/>
        <source>not needed for this key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="318"/>
        <source>Give the new key a name, for example &quot;production&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="323"/>
        <source>Choose a passphrase of at least 8 characters: it protects the key file at rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="328"/>
        <source>The two passphrases differ. Type the same passphrase twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="332"/>
        <source>Creating an RSA-2048 key pair…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="357"/>
        <source>Key &quot;%1&quot; created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="359"/>
        <source>&lt;b&gt;Back up this key now.&lt;/b&gt; It is kept at &lt;tt&gt;%1&lt;/tt&gt;, protected by your passphrase. If it is lost, phones will refuse every future update until a new app version with a new public key reaches the stores. Copy the whole folder to your password manager or a safe offline place, and never commit it to a repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="373"/>
        <source>Import a Capgo private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="374"/>
        <source>Capgo keys (.capgo_key_v2 .capgo_key_v2.enc *.pem);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="389"/>
        <source>This key is protected by a passphrase. Enter it to sign the release.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="396"/>
        <source>The passphrase does not unlock this key. Check it and try again (it is case-sensitive).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="423"/>
        <source>Looking for hardware tokens…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="440"/>
        <source>%1 on token %2  —  %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="449"/>
        <source>No RSA-2048 key was found on a token. Plug the token in, or create a key on it with: slipway key create --pkcs11 &apos;pkcs11:token=NAME;object=capgo&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="465"/>
        <source>on token %1; the private key never leaves it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/KeyPage.cpp" line="470"/>
        <source>a hardware key asks for its PIN when you continue</source>
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
        <location filename="../../ui/MainWindow.cpp" line="44"/>
        <source>Slipway — release manager for Capacitor live updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="48"/>
        <source>Navigation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="59"/>
        <source>Releases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="59"/>
        <source>The release history (Ctrl+1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="60"/>
        <source>New release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="60"/>
        <source>Release a web build (Ctrl+2, Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="61"/>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="61"/>
        <source>Inspect signing keys and check signatures (Ctrl+3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="62"/>
        <source>Targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="62"/>
        <source>Storage profiles where bundles are published (Ctrl+4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="63"/>
        <source>Device test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="63"/>
        <source>Simulate a phone against an update endpoint (Ctrl+5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="64"/>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="64"/>
        <source>Stable and rollout releases per channel, rollout health (Ctrl+6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="107"/>
        <source>Data folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="158"/>
        <source>&amp;Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="159"/>
        <source>Release &amp;history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="162"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="188"/>
        <source>&lt;b&gt;Welcome to Slipway.&lt;/b&gt; Your local workspace is ready: history, storage folder and update channel under &lt;tt&gt;%1&lt;/tt&gt;. No account is needed. Try a complete encrypted release of the demo web build, then watch a simulated phone pick it up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="194"/>
        <source>&amp;Try the demo release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="197"/>
        <source>Publishes the demo web app in one click, with no account: each step is explained as it happens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="199"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="242"/>
        <source>A release is running: choose another history once it has finished (or after cancelling it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="252"/>
        <source>Slipway now uses the release history %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/MainWindow.cpp" line="278"/>
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
        <location filename="../../ui/PhoneSimulation.cpp" line="56"/>
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
        <location filename="../../ui/ReleaseCharts.cpp" line="49"/>
        <location filename="../../ui/ReleaseCharts.cpp" line="88"/>
        <source>Releases per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseCharts.cpp" line="51"/>
        <source>Bundle size per version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseCharts.cpp" line="76"/>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseCharts.cpp" line="77"/>
        <source>interrupted or refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseCharts.cpp" line="94"/>
        <location filename="../../ui/ReleaseCharts.cpp" line="119"/>
        <source>no releases yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseCharts.cpp" line="110"/>
        <source>Bundle size per version (KiB)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::ReleaseDetailPane</name>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="23"/>
        <source>Details of the selected release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="29"/>
        <source>Steps of the selected release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="30"/>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="30"/>
        <source>Attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="30"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="30"/>
        <source>Took</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="30"/>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="45"/>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="47"/>
        <source>done earlier, still valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="49"/>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="51"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="53"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="55"/>
        <source>stopped (Slipway closed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="61"/>
        <source>&lt;p&gt;Select a release to see its steps, hashes, key and where it was published.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="67"/>
        <source>&lt;h3&gt;No release yet&lt;/h3&gt;&lt;p&gt;Press &lt;b&gt;New release&lt;/b&gt; (Ctrl+N) to release a web build, or use &lt;b&gt;Try the demo release&lt;/b&gt; to see a complete encrypted release of the demo build in under a minute.&lt;/p&gt;&lt;p&gt;Every release appears here with its steps, hashes, key and where it was published.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="89"/>
        <source>Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="91"/>
        <source>, %1 attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="92"/>
        <source>Why it stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="93"/>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="95"/>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="96"/>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="97"/>
        <source>Signed with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="98"/>
        <source>Zip SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="99"/>
        <source>Encrypted SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="100"/>
        <source>Signed checksum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="101"/>
        <source>Session key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="104"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="104"/>
        <source>%1 files, %2 zipped, %3 encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="107"/>
        <source>Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="108"/>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="109"/>
        <source>Registration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="112"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseDetailPane.cpp" line="120"/>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::ReleaseTableModel</name>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="83"/>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="85"/>
        <source>interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="87"/>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="89"/>
        <source>refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="145"/>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="147"/>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="149"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="151"/>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="153"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="155"/>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="157"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseTableModel.cpp" line="159"/>
        <source>Signed with</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::ReleaseWizard</name>
    <message>
        <location filename="../../ui/ReleaseWizard.cpp" line="23"/>
        <source>New release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseWizard.cpp" line="41"/>
        <source>Next step (Alt+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseWizard.cpp" line="165"/>
        <source>Discard this release?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseWizard.cpp" line="166"/>
        <source>What you entered for this release will be lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseWizard.cpp" line="168"/>
        <source>&amp;Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReleaseWizard.cpp" line="170"/>
        <source>&amp;Keep editing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::ReviewPage</name>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="28"/>
        <source>R&amp;oll out to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="32"/>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="33"/>
        <source>Nothing has been published yet. Check what will happen, then press Release.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="35"/>
        <source>&amp;Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="37"/>
        <source>Where to publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="38"/>
        <source>Storage profiles are edited under Targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="46"/>
        <source>&amp;Publish to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="47"/>
        <source>Re&amp;gister with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="49"/>
        <source>Where the release is registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="50"/>
        <source>Update service profiles are edited under Targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="52"/>
        <source>Roll out to a share of the devices first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="57"/>
        <source>Share of the devices that get this version first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="59"/>
        <source>of the &amp;devices first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="69"/>
        <source>Staged:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="100"/>
        <source>Local workspace (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="104"/>
        <location filename="../../ui/ReviewPage.cpp" line="113"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="110"/>
        <source>Local channel manifest next to the bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="181"/>
        <source>the channel serves no delta yet: phones download the whole bundle once, then only what changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="195"/>
        <source>not worked out: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="214"/>
        <source>The whole bundle: Capgo Cloud takes no delta for bundles stored elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="216"/>
        <source>The whole bundle (no delta for this release).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="218"/>
        <source>Working out what a phone on the channel&apos;s current version downloads…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="220"/>
        <source>With the delta: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/ReviewPage.cpp" line="224"/>
        <source>A phone on %1 already holds all %n file(s): it downloads none of them</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/ReviewPage.cpp" line="226"/>
        <source>A phone on %1 downloads %2 of %n file(s), %3 before compression</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="231"/>
        <source>, instead of the whole bundle (%1 for %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="240"/>
        <source>Rollouts are for self-hosted channel manifests: &quot;%1&quot; registers with Capgo, which serves one version per channel, so Slipway cannot stage this release there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="247"/>
        <source>Only this share of the devices (a fixed cohort) gets the new version; the others keep the channel&apos;s stable release until you widen or promote it in Channels (Ctrl+6).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="257"/>
        <source>Staged rollout not available: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/ReviewPage.cpp" line="278"/>
        <source>%n file(s), %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="282"/>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="283"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="284"/>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="285"/>
        <source>Build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="288"/>
        <source>Signing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="291"/>
        <source>Publish to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="292"/>
        <source>Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="293"/>
        <source>the stable release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="296"/>
        <location filename="../../ui/ReviewPage.cpp" line="302"/>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="296"/>
        <source>%1 goes to %2 % of devices on %3; the others stay on %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="302"/>
        <source>Every device on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="303"/>
        <source>Update size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="305"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="307"/>
        <source>What happens when you press Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="309"/>
        <source>Package the build into a zip and compute its SHA-256.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="310"/>
        <source>Encrypt it with a fresh AES session key; wrap the session key and sign the checksum with your private key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="312"/>
        <source>Verify the result exactly as a phone will (decrypt, checksum, safe paths, index.html).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="313"/>
        <source>Upload the encrypted bundle to the storage above and read it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="315"/>
        <source>Add %1 to channel &quot;%2&quot; as a rollout in one manifest write: %3 % of the devices (a fixed cohort) download it, the others keep %4. Widen, promote or abort it in Channels (Ctrl+6).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="320"/>
        <source>Point channel &quot;%1&quot; at the new version: phones on that channel will download it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="321"/>
        <source>Record every step in the history, sealed by the audit chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ReviewPage.cpp" line="326"/>
        <source>Cancel stops at any moment; an interrupted release can be resumed from the history.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::RunPage</name>
    <message>
        <location filename="../../ui/RunPage.cpp" line="46"/>
        <source>&amp;Cancel release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="47"/>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="48"/>
        <source>C&amp;hoose another version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="51"/>
        <location filename="../../ui/RunPage.cpp" line="198"/>
        <source>Releasing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="52"/>
        <location filename="../../ui/RunPage.cpp" line="200"/>
        <source>Each step is recorded in the history as it happens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="56"/>
        <source>Stop the release now; it stays in the history as interrupted and can be resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="58"/>
        <source>Continue from the last step whose results still check out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="62"/>
        <source>Back to the build and version, with the same key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="65"/>
        <source>DEMO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="66"/>
        <source>This is the demo release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="67"/>
        <source>The demo web app, published to a folder on this computer: no account, nothing leaves this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="86"/>
        <source>%1 progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="126"/>
        <source>Release #%1, attempt %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="127"/>
        <source>Release #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="148"/>
        <source>Look the web app over: it has a start page and tells the phone that it started fine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="150"/>
        <source>Pack every file of the web app into one zip file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="152"/>
        <source>Lock the zip with a fresh secret and sign it, so that phones know it comes from you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="154"/>
        <source>Open it exactly as a phone will, to be sure that phones accept it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="156"/>
        <source>Put it where phones download it (for the demo: a folder on this computer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="158"/>
        <source>Tell the update channel that this is the version phones should get now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="160"/>
        <source>Write what happened into the release history, sealed against later edits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="198"/>
        <source>Demo release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="199"/>
        <source>The demo web app is being published, step by step. Nothing leaves this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="213"/>
        <source>Resuming release #%1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="217"/>
        <source>Starting %1 %2 on %3…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="221"/>
        <source>Another release is still running in this window. Wait for it to finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="231"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="252"/>
        <source>working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="265"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="277"/>
        <source>, %1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="278"/>
        <source>, %1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="292"/>
        <source>done in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="305"/>
        <source>Release #%1 completed in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="306"/>
        <source>%1 %2 is live on %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="309"/>
        <source>Release #%1 was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="310"/>
        <source>Cancelled. The release is kept as interrupted: press Resume to continue it, now or later from the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="318"/>
        <source>Release #%1 stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="319"/>
        <source>The release stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="332"/>
        <source>Release #%1 did not start: the channel&apos;s phones expect another key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="334"/>
        <source>Change the signing key?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="335"/>
        <source>Phones on channel %1 hold another public key and will reject every bundle signed with this one, unless they already run an app build with its public key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="341"/>
        <source>Sign with the new key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="354"/>
        <source>Release #%1 did not start: nothing was built or published.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="355"/>
        <source>Version %1 of %2 on channel %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="356"/>
        <source>%1 is already taken. Press Choose another version and give a newer one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="370"/>
        <source>%1 is already released (release #%2, %3). Slipway never publishes the same version twice by accident: press Choose another version and give a newer one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="377"/>
        <source>%1 belongs to release #%2, which was interrupted on %3. Continue that release from Releases (Resume), or press Choose another version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/RunPage.cpp" line="383"/>
        <source>%1 is being released right now by release #%2. Wait for it to finish, or press Choose another version.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::SignatureCheckView</name>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="47"/>
        <source>A release from the &amp;history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="48"/>
        <source>&amp;Files: an encrypted bundle with its session key and signed checksum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="51"/>
        <source>Check as a &amp;phone would</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="58"/>
        <source>Release to check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="60"/>
        <source>the encrypted bundle (.zip) as phones download it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="61"/>
        <location filename="../../ui/SignatureCheckView.cpp" line="123"/>
        <source>Encrypted bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="63"/>
        <source>session_key (IV:wrapped key, base64)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="64"/>
        <source>Session key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="66"/>
        <source>checksum (signed, base64)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="67"/>
        <source>Signed checksum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="69"/>
        <source>Public key the phone holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="71"/>
        <source>or a public key file (.capgo_key_v2.pub)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="72"/>
        <source>Public key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="77"/>
        <source>Device verification steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="78"/>
        <source>Device step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="78"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="86"/>
        <source>Bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="89"/>
        <source>Release:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="91"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="95"/>
        <source>Encrypted bundle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="96"/>
        <source>Session key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="97"/>
        <source>Signed checksum:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="98"/>
        <source>Public key in the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="100"/>
        <source>Known key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="101"/>
        <source>Or file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="151"/>
        <source>#%1  %2 %3 (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="153"/>
        <source>no completed release yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="206"/>
        <source>Release #%1 was signed with %2: its public key is chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="213"/>
        <source>Release #%1 was signed with %2: its public key file is chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="215"/>
        <source>Release #%1 was signed with %2, which is not among the known keys: give the public key the app holds as a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="225"/>
        <source>Choose the public key the app holds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="240"/>
        <source>Pick a completed release, or switch to files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="244"/>
        <source>Give the encrypted bundle, its session key and its signed checksum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="248"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="319"/>
        <source>✔ A phone holding this key ACCEPTS the bundle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/SignatureCheckView.cpp" line="320"/>
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
        <location filename="../../ui/TargetsView.cpp" line="28"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="29"/>
        <source>&amp;Keep it for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="30"/>
        <source>Use the system &amp;keyring anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="35"/>
        <source>Storage profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="37"/>
        <source>prod-cdn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="39"/>
        <source>s3://bucket/prefix?endpoint=https://host&amp;region=eu-west-1   https://dav.example.com/bundles   sftp://user@host/path   file:///srv/bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="42"/>
        <source>Where bundles go. S3-compatible, WebDAV/HTTP PUT, SFTP or a folder. Never put a password in the URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="44"/>
        <source>optional: https://cdn.example.com/bundles (what phones download from)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="46"/>
        <source>S3 access key id (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="49"/>
        <source>S3 secret key, WebDAV password or SFTP key passphrase: kept in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="54"/>
        <source>Stop waiting for the keyring or the storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="56"/>
        <source>The secret stays in memory until Slipway closes; it is never written to disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="58"/>
        <source>Try the system keyring again: a system window may ask for its password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="62"/>
        <source>Storage profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="64"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="65"/>
        <source>&amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="66"/>
        <source>&amp;Public URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="67"/>
        <source>&amp;Access key id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="68"/>
        <source>S&amp;ecret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="77"/>
        <source>Without a profile, releases go to the local workspace folder %1 and its local channels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="87"/>
        <source>Saved storage profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="116"/>
        <source>Stopped waiting for an answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="214"/>
        <source>Profile &quot;%1&quot; saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="233"/>
        <source>Profile &quot;%1&quot; saved. Putting its secret in the system keyring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="262"/>
        <source>Profile &quot;%1&quot; saved. Its secret is in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="270"/>
        <source>Profile &quot;%1&quot; is saved, but its secret is not: %2. Keep the secret for this session only (it is forgotten when Slipway closes and typed again next time)%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="272"/>
        <source>, or use the system keyring anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="294"/>
        <source>Profile &quot;%1&quot; saved. Its secret is kept in memory until Slipway closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="309"/>
        <source>Profile &quot;%1&quot; removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="327"/>
        <source>Type the access key id and the secret key to test this S3 storage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="331"/>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="332"/>
        <source>Reading the secret of &quot;%1&quot; from the system keyring, then connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="363"/>
        <source>The connection failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TargetsView.cpp" line="365"/>
        <source>Connected: %1 answers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slipway::ui::TokenPinDialog</name>
    <message>
        <location filename="../../ui/TokenPinDialog.cpp" line="15"/>
        <source>Hardware key PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TokenPinDialog.cpp" line="16"/>
        <source>Enter the PIN of %1.
A wrong PIN uses up one of the token&apos;s tries; Slipway tries it once and never again on its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/TokenPinDialog.cpp" line="23"/>
        <source>Token PIN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
