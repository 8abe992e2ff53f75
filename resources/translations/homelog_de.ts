<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About {app}</source>
        <translation>Über {app}</translation>
    </message>
    <message>
        <source>Hide Licence</source>
        <translation>Lizenz ausblenden</translation>
    </message>
    <message>
        <source>No file manager could be started to show the folder. Select its name above and copy it to open it yourself.</source>
        <translation>Es konnte kein Dateimanager gestartet werden, um den Ordner zu zeigen. Markieren und kopieren Sie seinen Namen oben, um ihn selbst zu öffnen.</translation>
    </message>
    <message>
        <source>This is a file, not a folder, so there is nothing to show.</source>
        <translation>Dies ist eine Datei, kein Ordner – es gibt nichts zu zeigen.</translation>
    </message>
    <message>
        <source>The folder cannot be reached: {reason}.</source>
        <translation>Der Ordner ist nicht erreichbar: {reason}.</translation>
    </message>
    <message>
        <source>This folder does not exist: it may have been moved or deleted, or nothing was saved yet.</source>
        <translation>Diesen Ordner gibt es nicht: Er wurde vielleicht verschoben oder gelöscht, oder es wurde noch nichts gespeichert.</translation>
    </message>
    <message>
        <source>&lt;div&gt;Version {version}&lt;/div&gt;</source>
        <translation>&lt;div&gt;Version {version}&lt;/div&gt;</translation>
    </message>
    <message>
        <source>Keeps the readings of your household&apos;s meters and sensors, and shows what they mean.</source>
        <translation>Speichert die Ablesungen der Zähler und Sensoren Ihres Haushalts und zeigt, was sie bedeuten.</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Datenordner:</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>Show the folder with your readings, backups and logs</source>
        <translation>Den Ordner mit Ihren Ablesungen, Sicherungen und Protokollen zeigen</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <source>not open</source>
        <translation>nicht geöffnet</translation>
    </message>
    <message>
        <source>Runs on:</source>
        <translation>Läuft auf:</translation>
    </message>
    <message>
        <source>Licence:</source>
        <translation>Lizenz:</translation>
    </message>
    <message>
        <source>MIT licence: free to use, copy, change and share.</source>
        <translation>MIT-Lizenz: frei zu nutzen, zu kopieren, zu ändern und weiterzugeben.</translation>
    </message>
    <message>
        <source>Show Licence</source>
        <translation>Lizenz anzeigen</translation>
    </message>
</context>
<context>
    <name>Access</name>
    <message>
        <source>You are the household&apos;s administrator.</source>
        <translation>Sie sind der Administrator des Haushalts.</translation>
    </message>
    <message>
        <source>This source is private: only {owner} (the owner) or the administrator can see it.</source>
        <translation>Diese Messstelle ist privat: Nur {owner} (Eigentümer) oder der Administrator kann sie sehen.</translation>
    </message>
    <message>
        <source>This source is private: only its owner or the administrator can see it.</source>
        <translation>Diese Messstelle ist privat: Nur ihr Eigentümer oder der Administrator kann sie sehen.</translation>
    </message>
    <message>
        <source>This source is private: only the administrator can see it.</source>
        <translation>Diese Messstelle ist privat: Nur der Administrator kann sie sehen.</translation>
    </message>
    <message>
        <source>You own this source.</source>
        <translation>Diese Messstelle gehört Ihnen.</translation>
    </message>
    <message>
        <source>This source is public: every member of the household can see it.</source>
        <translation>Diese Messstelle ist öffentlich: Jedes Mitglied des Haushalts kann sie sehen.</translation>
    </message>
    <message>
        <source>This source is public.</source>
        <translation>Diese Messstelle ist öffentlich.</translation>
    </message>
    <message>
        <source>This source and the virtual meter are private, with the same owner.</source>
        <translation>Diese Messstelle und der virtuelle Zähler sind privat und haben denselben Eigentümer.</translation>
    </message>
    <message>
        <source>is a private meter, and this virtual meter is public: every member would see its consumption. Make that source public, or this virtual meter private.</source>
        <translation>ist ein privater Zähler, dieser virtuelle Zähler aber öffentlich: Jedes Mitglied sähe seinen Verbrauch. Machen Sie jene Messstelle öffentlich oder diesen virtuellen Zähler privat.</translation>
    </message>
    <message>
        <source>is a private meter of {owner} (the owner): whoever sees this virtual meter would see its consumption. Only its owner&apos;s private meters and public ones can be inputs.</source>
        <translation>ist ein privater Zähler von {owner} (Eigentümer): Wer diesen virtuellen Zähler sieht, sähe seinen Verbrauch. Nur private Zähler desselben Eigentümers und öffentliche können Eingänge sein.</translation>
    </message>
    <message>
        <source>is a private meter of its owner: whoever sees this virtual meter would see its consumption. Only its owner&apos;s private meters and public ones can be inputs.</source>
        <translation>ist ein privater Zähler seines Eigentümers: Wer diesen virtuellen Zähler sieht, sähe seinen Verbrauch. Nur private Zähler desselben Eigentümers und öffentliche können Eingänge sein.</translation>
    </message>
    <message>
        <source>is a private meter of the administrator: whoever sees this virtual meter would see its consumption. Only its owner&apos;s private meters and public ones can be inputs.</source>
        <translation>ist ein privater Zähler des Administrators: Wer diesen virtuellen Zähler sieht, sähe seinen Verbrauch. Nur private Zähler desselben Eigentümers und öffentliche können Eingänge sein.</translation>
    </message>
    <message>
        <source>Every member can add sources; a new source is yours.</source>
        <translation>Jedes Mitglied kann Messstellen anlegen; eine neue Messstelle gehört Ihnen.</translation>
    </message>
    <message>
        <source>The owner stays the same.</source>
        <translation>Der Eigentümer bleibt derselbe.</translation>
    </message>
    <message>
        <source>Only the administrator can give a source to another member.</source>
        <translation>Nur der Administrator kann eine Messstelle einem anderen Mitglied übergeben.</translation>
    </message>
    <message>
        <source>Only {owner} (the owner) or the administrator can change this source.</source>
        <translation>Nur {owner} (Eigentümer) oder der Administrator kann diese Messstelle ändern.</translation>
    </message>
    <message>
        <source>Only its owner or the administrator can change this source.</source>
        <translation>Nur der Eigentümer oder der Administrator kann diese Messstelle ändern.</translation>
    </message>
    <message>
        <source>Only the administrator can change this source.</source>
        <translation>Nur der Administrator kann diese Messstelle ändern.</translation>
    </message>
    <message>
        <source>Only {owner} (the owner) or the administrator can delete this source.</source>
        <translation>Nur {owner} (Eigentümer) oder der Administrator kann diese Messstelle löschen.</translation>
    </message>
    <message>
        <source>Only its owner or the administrator can delete this source.</source>
        <translation>Nur der Eigentümer oder der Administrator kann diese Messstelle löschen.</translation>
    </message>
    <message>
        <source>Only the administrator can delete this source.</source>
        <translation>Nur der Administrator kann diese Messstelle löschen.</translation>
    </message>
    <message>
        <source>Only {owner} (the owner) or the administrator can change this source&apos;s metrics.</source>
        <translation>Nur {owner} (Eigentümer) oder der Administrator kann die Messgrößen dieser Messstelle ändern.</translation>
    </message>
    <message>
        <source>Only its owner or the administrator can change this source&apos;s metrics.</source>
        <translation>Nur der Eigentümer oder der Administrator kann die Messgrößen dieser Messstelle ändern.</translation>
    </message>
    <message>
        <source>Only the administrator can change this source&apos;s metrics.</source>
        <translation>Nur der Administrator kann die Messgrößen dieser Messstelle ändern.</translation>
    </message>
    <message>
        <source>Only {owner} (the owner) or the administrator can change this source&apos;s tariffs.</source>
        <translation>Nur {owner} (Eigentümer) oder der Administrator kann die Tarife dieser Messstelle ändern.</translation>
    </message>
    <message>
        <source>Only its owner or the administrator can change this source&apos;s tariffs.</source>
        <translation>Nur der Eigentümer oder der Administrator kann die Tarife dieser Messstelle ändern.</translation>
    </message>
    <message>
        <source>Only the administrator can change this source&apos;s tariffs.</source>
        <translation>Nur der Administrator kann die Tarife dieser Messstelle ändern.</translation>
    </message>
    <message>
        <source>Only {owner} (the owner) or the administrator can record or change this source&apos;s meter changes.</source>
        <translation>Nur {owner} (Eigentümer) oder der Administrator kann die Zählerwechsel dieser Messstelle erfassen oder ändern.</translation>
    </message>
    <message>
        <source>Only its owner or the administrator can record or change this source&apos;s meter changes.</source>
        <translation>Nur der Eigentümer oder der Administrator kann die Zählerwechsel dieser Messstelle erfassen oder ändern.</translation>
    </message>
    <message>
        <source>Only the administrator can record or change this source&apos;s meter changes.</source>
        <translation>Nur der Administrator kann die Zählerwechsel dieser Messstelle erfassen oder ändern.</translation>
    </message>
    <message>
        <source>Only {owner} (the owner) or the administrator can change this source&apos;s conversion factors.</source>
        <translation>Nur {owner} (Eigentümer) oder der Administrator kann die Umrechnungsfaktoren dieser Messstelle ändern.</translation>
    </message>
    <message>
        <source>Only its owner or the administrator can change this source&apos;s conversion factors.</source>
        <translation>Nur der Eigentümer oder der Administrator kann die Umrechnungsfaktoren dieser Messstelle ändern.</translation>
    </message>
    <message>
        <source>Only the administrator can change this source&apos;s conversion factors.</source>
        <translation>Nur der Administrator kann die Umrechnungsfaktoren dieser Messstelle ändern.</translation>
    </message>
    <message>
        <source>Only {owner} (the owner) or the administrator can change this source&apos;s advance payments.</source>
        <translation>Nur {owner} (Eigentümer) oder der Administrator kann die Abschläge dieser Messstelle ändern.</translation>
    </message>
    <message>
        <source>Only its owner or the administrator can change this source&apos;s advance payments.</source>
        <translation>Nur der Eigentümer oder der Administrator kann die Abschläge dieser Messstelle ändern.</translation>
    </message>
    <message>
        <source>Only the administrator can change this source&apos;s advance payments.</source>
        <translation>Nur der Administrator kann die Abschläge dieser Messstelle ändern.</translation>
    </message>
    <message>
        <source>This source is private: only {owner} (the owner) or the administrator can add its readings.</source>
        <translation>Diese Messstelle ist privat: Nur {owner} (Eigentümer) oder der Administrator kann ihr Ablesungen hinzufügen.</translation>
    </message>
    <message>
        <source>This source is private: only its owner or the administrator can add its readings.</source>
        <translation>Diese Messstelle ist privat: Nur ihr Eigentümer oder der Administrator kann ihr Ablesungen hinzufügen.</translation>
    </message>
    <message>
        <source>This source is private: only the administrator can add its readings.</source>
        <translation>Diese Messstelle ist privat: Nur der Administrator kann ihr Ablesungen hinzufügen.</translation>
    </message>
    <message>
        <source>Only {owner} (the owner) or the administrator can add readings to this source.</source>
        <translation>Nur {owner} (Eigentümer) oder der Administrator kann dieser Messstelle Ablesungen hinzufügen.</translation>
    </message>
    <message>
        <source>Only its owner or the administrator can add readings to this source.</source>
        <translation>Nur der Eigentümer oder der Administrator kann dieser Messstelle Ablesungen hinzufügen.</translation>
    </message>
    <message>
        <source>Only the administrator can add readings to this source.</source>
        <translation>Nur der Administrator kann dieser Messstelle Ablesungen hinzufügen.</translation>
    </message>
    <message>
        <source>This source lets household members add readings.</source>
        <translation>Bei dieser Messstelle dürfen Mitglieder des Haushalts Ablesungen hinzufügen.</translation>
    </message>
    <message>
        <source>This source is private: only {owner} (the owner) or the administrator can change its readings.</source>
        <translation>Diese Messstelle ist privat: Nur {owner} (Eigentümer) oder der Administrator kann ihre Ablesungen ändern.</translation>
    </message>
    <message>
        <source>This source is private: only its owner or the administrator can change its readings.</source>
        <translation>Diese Messstelle ist privat: Nur ihr Eigentümer oder der Administrator kann ihre Ablesungen ändern.</translation>
    </message>
    <message>
        <source>This source is private: only the administrator can change its readings.</source>
        <translation>Diese Messstelle ist privat: Nur der Administrator kann ihre Ablesungen ändern.</translation>
    </message>
    <message>
        <source>Only {owner} (the owner) or the administrator can change this reading.</source>
        <translation>Nur {owner} (Eigentümer) oder der Administrator kann diese Ablesung ändern.</translation>
    </message>
    <message>
        <source>Only its source&apos;s owner or the administrator can change this reading.</source>
        <translation>Nur der Eigentümer der Messstelle oder der Administrator kann diese Ablesung ändern.</translation>
    </message>
    <message>
        <source>Only the administrator can change this reading.</source>
        <translation>Nur der Administrator kann diese Ablesung ändern.</translation>
    </message>
    <message>
        <source>Only {author} (who entered it), {owner} (the owner) or the administrator can change this reading.</source>
        <translation>Nur {author} (hat sie erfasst), {owner} (Eigentümer) oder der Administrator kann diese Ablesung ändern.</translation>
    </message>
    <message>
        <source>Only {author} (who entered it), its source&apos;s owner or the administrator can change this reading.</source>
        <translation>Nur {author} (hat sie erfasst), der Eigentümer der Messstelle oder der Administrator kann diese Ablesung ändern.</translation>
    </message>
    <message>
        <source>Only {author} (who entered it) or the administrator can change this reading.</source>
        <translation>Nur {author} (hat sie erfasst) oder der Administrator kann diese Ablesung ändern.</translation>
    </message>
    <message>
        <source>Only its author, {owner} (the owner) or the administrator can change this reading.</source>
        <translation>Nur wer sie erfasst hat, {owner} (Eigentümer) oder der Administrator kann diese Ablesung ändern.</translation>
    </message>
    <message>
        <source>Only its author, its source&apos;s owner or the administrator can change this reading.</source>
        <translation>Nur wer sie erfasst hat, der Eigentümer der Messstelle oder der Administrator kann diese Ablesung ändern.</translation>
    </message>
    <message>
        <source>Only its author or the administrator can change this reading.</source>
        <translation>Nur wer sie erfasst hat oder der Administrator kann diese Ablesung ändern.</translation>
    </message>
    <message>
        <source>This source is private: only {owner} (the owner) or the administrator can delete its readings.</source>
        <translation>Diese Messstelle ist privat: Nur {owner} (Eigentümer) oder der Administrator kann ihre Ablesungen löschen.</translation>
    </message>
    <message>
        <source>This source is private: only its owner or the administrator can delete its readings.</source>
        <translation>Diese Messstelle ist privat: Nur ihr Eigentümer oder der Administrator kann ihre Ablesungen löschen.</translation>
    </message>
    <message>
        <source>This source is private: only the administrator can delete its readings.</source>
        <translation>Diese Messstelle ist privat: Nur der Administrator kann ihre Ablesungen löschen.</translation>
    </message>
    <message>
        <source>Only {owner} (the owner) or the administrator can delete this reading.</source>
        <translation>Nur {owner} (Eigentümer) oder der Administrator kann diese Ablesung löschen.</translation>
    </message>
    <message>
        <source>Only its source&apos;s owner or the administrator can delete this reading.</source>
        <translation>Nur der Eigentümer der Messstelle oder der Administrator kann diese Ablesung löschen.</translation>
    </message>
    <message>
        <source>Only the administrator can delete this reading.</source>
        <translation>Nur der Administrator kann diese Ablesung löschen.</translation>
    </message>
    <message>
        <source>Only {author} (who entered it), {owner} (the owner) or the administrator can delete this reading.</source>
        <translation>Nur {author} (hat sie erfasst), {owner} (Eigentümer) oder der Administrator kann diese Ablesung löschen.</translation>
    </message>
    <message>
        <source>Only {author} (who entered it), its source&apos;s owner or the administrator can delete this reading.</source>
        <translation>Nur {author} (hat sie erfasst), der Eigentümer der Messstelle oder der Administrator kann diese Ablesung löschen.</translation>
    </message>
    <message>
        <source>Only {author} (who entered it) or the administrator can delete this reading.</source>
        <translation>Nur {author} (hat sie erfasst) oder der Administrator kann diese Ablesung löschen.</translation>
    </message>
    <message>
        <source>Only its author, {owner} (the owner) or the administrator can delete this reading.</source>
        <translation>Nur wer sie erfasst hat, {owner} (Eigentümer) oder der Administrator kann diese Ablesung löschen.</translation>
    </message>
    <message>
        <source>Only its author, its source&apos;s owner or the administrator can delete this reading.</source>
        <translation>Nur wer sie erfasst hat, der Eigentümer der Messstelle oder der Administrator kann diese Ablesung löschen.</translation>
    </message>
    <message>
        <source>Only its author or the administrator can delete this reading.</source>
        <translation>Nur wer sie erfasst hat oder der Administrator kann diese Ablesung löschen.</translation>
    </message>
    <message>
        <source>You own this reading&apos;s source.</source>
        <translation>Die Messstelle dieser Ablesung gehört Ihnen.</translation>
    </message>
    <message>
        <source>You entered this reading.</source>
        <translation>Sie haben diese Ablesung erfasst.</translation>
    </message>
    <message>
        <source>Only the administrator can record a reading in another member&apos;s name.</source>
        <translation>Nur der Administrator kann eine Ablesung im Namen eines anderen Mitglieds erfassen.</translation>
    </message>
    <message>
        <source>This is you.</source>
        <translation>Das sind Sie.</translation>
    </message>
    <message>
        <source>Only {name} or the administrator can change this member.</source>
        <translation>Nur {name} oder der Administrator kann dieses Mitglied ändern.</translation>
    </message>
    <message>
        <source>Only that member or the administrator can change them.</source>
        <translation>Nur dieses Mitglied selbst oder der Administrator kann es ändern.</translation>
    </message>
    <message>
        <source>Only the administrator can add members.</source>
        <translation>Nur der Administrator kann Mitglieder hinzufügen.</translation>
    </message>
    <message>
        <source>Only the administrator can remove members.</source>
        <translation>Nur der Administrator kann Mitglieder entfernen.</translation>
    </message>
    <message>
        <source>You cannot remove yourself: the household needs its administrator.</source>
        <translation>Sie können sich nicht selbst entfernen: Der Haushalt braucht seinen Administrator.</translation>
    </message>
    <message>
        <source>Only the administrator can set a forgotten password.</source>
        <translation>Nur der Administrator kann ein vergessenes Passwort neu setzen.</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Undo</source>
        <extracomment>Key sequences (&quot;Delete&quot; is the platform&apos;s delete key). A QStyle.StandardPixmap name. The toolbar&apos;s shorter text.</extracomment>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Nichts rückgängig zu machen</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Nothing to redo</source>
        <translation>Nichts zu wiederholen</translation>
    </message>
    <message>
        <source>&amp;New Reading…</source>
        <translation>&amp;Neue Ablesung…</translation>
    </message>
    <message>
        <source>Record a reading of the selected source</source>
        <translation>Eine Ablesung der gewählten Messstelle erfassen</translation>
    </message>
    <message>
        <source>New Reading</source>
        <translation>Neue Ablesung</translation>
    </message>
    <message>
        <source>&amp;Edit Reading…</source>
        <translation>Ablesung &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>Edit the selected reading</source>
        <translation>Die gewählte Ablesung bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Delete Readings</source>
        <translation>Ablesungen &amp;löschen</translation>
    </message>
    <message>
        <source>Delete the selected readings</source>
        <translation>Die gewählten Ablesungen löschen</translation>
    </message>
    <message>
        <source>Meter &amp;Round…</source>
        <translation>&amp;Ableserunde…</translation>
    </message>
    <message>
        <source>Enter the readings of every due meter in one sheet</source>
        <translation>Die Stände aller fälligen Zähler auf einem Blatt eingeben</translation>
    </message>
    <message>
        <source>Meter Round</source>
        <translation>Ableserunde</translation>
    </message>
    <message>
        <source>Remind Me of Due Readings</source>
        <translation>An fällige Ablesungen erinnern</translation>
    </message>
    <message>
        <source>A notification when a meter&apos;s reading is due: at start and once a day while Home Log runs</source>
        <translation>Eine Benachrichtigung, wenn eine Ablesung fällig ist: beim Start und einmal täglich, solange Home Log läuft</translation>
    </message>
    <message>
        <source>&amp;Filter Readings</source>
        <translation>Ablesungen &amp;filtern</translation>
    </message>
    <message>
        <source>Filter the readings by note text or date</source>
        <translation>Die Ablesungen nach Notiztext oder Datum filtern</translation>
    </message>
    <message>
        <source>New &amp;Source…</source>
        <translation>Neue &amp;Messstelle…</translation>
    </message>
    <message>
        <source>Add a meter or sensor</source>
        <translation>Einen Zähler oder Sensor hinzufügen</translation>
    </message>
    <message>
        <source>New Source</source>
        <translation>Neue Messstelle</translation>
    </message>
    <message>
        <source>Edit Source…</source>
        <translation>Messstelle bearbeiten…</translation>
    </message>
    <message>
        <source>Edit the selected source and its metrics</source>
        <translation>Die gewählte Messstelle und ihre Messgrößen bearbeiten</translation>
    </message>
    <message>
        <source>Archive Source</source>
        <translation>Messstelle archivieren</translation>
    </message>
    <message>
        <source>Hide a source you no longer read, keeping its readings</source>
        <translation>Eine Messstelle ausblenden, die Sie nicht mehr ablesen; ihre Ablesungen bleiben erhalten</translation>
    </message>
    <message>
        <source>Delete Source…</source>
        <translation>Messstelle löschen…</translation>
    </message>
    <message>
        <source>Delete the selected source with all its readings</source>
        <translation>Die gewählte Messstelle mit allen Ablesungen löschen</translation>
    </message>
    <message>
        <source>E&amp;xport Readings…</source>
        <translation>Ablesungen e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Save the selected source&apos;s readings as CSV or JSON</source>
        <translation>Die Ablesungen der gewählten Messstelle als CSV oder JSON speichern</translation>
    </message>
    <message>
        <source>New &amp;Virtual Meter…</source>
        <translation>Neuer &amp;virtueller Zähler…</translation>
    </message>
    <message>
        <source>A meter computed from others: metrics of the same unit added or subtracted</source>
        <translation>Ein aus anderen berechneter Zähler: Messgrößen derselben Einheit addiert oder abgezogen</translation>
    </message>
    <message>
        <source>&amp;Export All Sources…</source>
        <translation>&amp;Alle Messstellen exportieren…</translation>
    </message>
    <message>
        <source>Save every source whole (metrics, tariffs, meter changes, readings) in one file to import again anywhere</source>
        <translation>Alle Messstellen vollständig (Messgrößen, Tarife, Zählerwechsel, Ablesungen) in einer Datei speichern, die sich überall wieder importieren lässt</translation>
    </message>
    <message>
        <source>Export &amp;Annual Report…</source>
        <translation>&amp;Jahresbericht exportieren…</translation>
    </message>
    <message>
        <source>A PDF of a year: the household&apos;s totals, then each source&apos;s months and charts</source>
        <translation>Ein PDF eines Jahres: die Summen des Haushalts, dann Monate und Diagramme jeder Messstelle</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>&amp;Übersicht</translation>
    </message>
    <message>
        <source>Every meter at a glance: last reading, this month, cost and projection</source>
        <translation>Alle Zähler auf einen Blick: letzte Ablesung, dieser Monat, Kosten und Hochrechnung</translation>
    </message>
    <message>
        <source>&amp;Readings</source>
        <translation>&amp;Ablesungen</translation>
    </message>
    <message>
        <source>The source&apos;s readings</source>
        <translation>Die Ablesungen der Messstelle</translation>
    </message>
    <message>
        <source>Re&amp;ports and Charts</source>
        <translation>&amp;Berichte und Diagramme</translation>
    </message>
    <message>
        <source>Consumption and cost per period, with charts</source>
        <translation>Verbrauch und Kosten je Zeitraum, mit Diagrammen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Read everything again</source>
        <translation>Alles neu einlesen</translation>
    </message>
    <message>
        <source>Show &amp;Archived Sources</source>
        <translation>A&amp;rchivierte Messstellen zeigen</translation>
    </message>
    <message>
        <source>Explore &amp;Sample Data</source>
        <translation>Beis&amp;pieldaten erkunden</translation>
    </message>
    <message>
        <source>Open a made-up household in its own file</source>
        <translation>Einen erfundenen Haushalt in einer eigenen Datei öffnen</translation>
    </message>
    <message>
        <source>Back to &amp;My Data</source>
        <translation>&amp;Zurück zu meinen Daten</translation>
    </message>
    <message>
        <source>Leave the sample household</source>
        <translation>Den Beispielhaushalt verlassen</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Import readings from a CSV or Excel file</source>
        <translation>Ablesungen aus einer CSV- oder Excel-Datei importieren</translation>
    </message>
    <message>
        <source>&amp;Back Up Now</source>
        <translation>Jetzt &amp;sichern</translation>
    </message>
    <message>
        <source>Copy your data into the backups folder now</source>
        <translation>Ihre Daten jetzt in den Sicherungsordner kopieren</translation>
    </message>
    <message>
        <source>&amp;Restore from Backup…</source>
        <translation>Aus Sicherung &amp;wiederherstellen…</translation>
    </message>
    <message>
        <source>Replace your data with a backup (your current data is kept as a backup first)</source>
        <translation>Ihre Daten durch eine Sicherung ersetzen (Ihre aktuellen Daten werden vorher gesichert)</translation>
    </message>
    <message>
        <source>Household &amp;Members…</source>
        <translation>&amp;Haushaltsmitglieder…</translation>
    </message>
    <message>
        <source>Who reads the meters</source>
        <translation>Wer die Zähler abliest</translation>
    </message>
    <message>
        <source>&amp;Connect to a Shared Database…</source>
        <translation>Mit gemeinsamer &amp;Datenbank verbinden…</translation>
    </message>
    <message>
        <source>Open a household kept on a PostgreSQL server, as one of its members</source>
        <translation>Einen Haushalt auf einem PostgreSQL-Server öffnen, als eines seiner Mitglieder</translation>
    </message>
    <message>
        <source>Open My &amp;Local File</source>
        <translation>Meine &amp;lokale Datei öffnen</translation>
    </message>
    <message>
        <source>Leave the shared database and open your own data file</source>
        <translation>Die gemeinsame Datenbank verlassen und Ihre eigene Datendatei öffnen</translation>
    </message>
    <message>
        <source>S&amp;witch Member…</source>
        <translation>Mi&amp;tglied wechseln…</translation>
    </message>
    <message>
        <source>Sign in as another member of the household</source>
        <translation>Als anderes Mitglied des Haushalts anmelden</translation>
    </message>
    <message>
        <source>Sign &amp;Out</source>
        <translation>Ab&amp;melden</translation>
    </message>
    <message>
        <source>Sign out; the next person signs in</source>
        <translation>Abmelden; die nächste Person meldet sich an</translation>
    </message>
    <message>
        <source>Mo&amp;ve to a Shared Server…</source>
        <translation>Auf gemeinsamen Server &amp;umziehen…</translation>
    </message>
    <message>
        <source>Copy this household to a PostgreSQL server that several computers can use</source>
        <translation>Diesen Haushalt auf einen PostgreSQL-Server kopieren, den mehrere Computer nutzen können</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>The language Home Log is shown in</source>
        <translation>Die Sprache, in der Home Log angezeigt wird</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About Home Log</source>
        <translation>Ü&amp;ber Home Log</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <extracomment>The menus: (title, actions; None is a separator).</extracomment>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Source</source>
        <translation>&amp;Messstelle</translation>
    </message>
    <message>
        <source>&amp;Reading</source>
        <translation>&amp;Ablesung</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>A&amp;nsicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Undo the last change (its name is in the Edit menu)</source>
        <extracomment>(keys, description) shown in Help → Keyboard Shortcuts.</extracomment>
        <translation>Die letzte Änderung rückgängig machen (ihr Name steht im Menü Bearbeiten)</translation>
    </message>
    <message>
        <source>Redo the change last undone</source>
        <translation>Die zuletzt rückgängig gemachte Änderung wiederholen</translation>
    </message>
    <message>
        <source>Dashboard: every meter at a glance</source>
        <translation>Übersicht: alle Zähler auf einen Blick</translation>
    </message>
    <message>
        <source>Readings of the selected source</source>
        <translation>Ablesungen der gewählten Messstelle</translation>
    </message>
    <message>
        <source>Reports and charts of the selected source</source>
        <translation>Berichte und Diagramme der gewählten Messstelle</translation>
    </message>
    <message>
        <source>Meter round: enter the readings of every due meter</source>
        <translation>Ableserunde: die Stände aller fälligen Zähler eingeben</translation>
    </message>
    <message>
        <source>New reading for the selected source</source>
        <translation>Neue Ablesung der gewählten Messstelle</translation>
    </message>
    <message>
        <source>New source</source>
        <translation>Neue Messstelle</translation>
    </message>
    <message>
        <source>Edit the selected source</source>
        <translation>Die gewählte Messstelle bearbeiten</translation>
    </message>
    <message>
        <source>Import readings from a CSV or Excel file (or drop the file on the window)</source>
        <translation>Ablesungen aus einer CSV- oder Excel-Datei importieren (oder die Datei auf das Fenster ziehen)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Filter the readings (note text, or a date such as 2025 or 2025-03)</source>
        <translation>Die Ablesungen filtern (Notiztext oder ein Datum wie 2025 oder 2025-03)</translation>
    </message>
    <message>
        <source>Copy the selected rows of the readings or report table (for a spreadsheet)</source>
        <translation>Die gewählten Zeilen der Ablesungs- oder Berichtstabelle kopieren (für eine Tabellenkalkulation)</translation>
    </message>
    <message>
        <source>This list of shortcuts</source>
        <translation>Diese Liste der Tastenkürzel</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Unarchive Source</source>
        <translation>Messstelle reaktivieren</translation>
    </message>
</context>
<context>
    <name>AnnualReportDialog</name>
    <message>
        <source>A4 (210 × 297 mm)</source>
        <translation>A4 (210 × 297 mm)</translation>
    </message>
    <message>
        <source>Letter (8.5 × 11 in)</source>
        <translation>Letter (8,5 × 11 Zoll)</translation>
    </message>
    <message>
        <source>annual report</source>
        <translation>Jahresbericht</translation>
    </message>
    <message>
        <source>billing year</source>
        <translation>Abrechnungsjahr</translation>
    </message>
    <message>
        <source>Export Annual Report</source>
        <translation>Jahresbericht exportieren</translation>
    </message>
    <message>
        <source>Save the annual report</source>
        <translation>Den Jahresbericht speichern</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <source>Preparing {file}…</source>
        <translation>Bereite {file} vor…</translation>
    </message>
    <message>
        <source>A PDF with a cover page of the household&apos;s totals, then a page per source: the months, charts, cost, the change against last year, meter changes, prices and notes.</source>
        <translation>Ein PDF mit einem Deckblatt der Summen des Haushalts, dann einer Seite je Messstelle: die Monate, Diagramme, Kosten, die Veränderung zum Vorjahr, Zählerwechsel, Preise und Notizen.</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>&amp;Jahr:</translation>
    </message>
    <message>
        <source>&amp;Calendar year (January to December)</source>
        <translation>&amp;Kalenderjahr (Januar bis Dezember)</translation>
    </message>
    <message>
        <source>&amp;Billing year (each source&apos;s, from its billing start month)</source>
        <translation>&amp;Abrechnungsjahr (je Messstelle, ab ihrem Abrechnungsmonat)</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <source>&amp;Page size:</source>
        <translation>&amp;Papierformat:</translation>
    </message>
    <message>
        <source>&amp;Sources:</source>
        <translation>&amp;Messstellen:</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>  (archived)</source>
        <translation>  (archiviert)</translation>
    </message>
    <message>
        <source>There are no sources yet: add a meter first.</source>
        <translation>Es gibt noch keine Messstellen: Fügen Sie zuerst einen Zähler hinzu.</translation>
    </message>
    <message numerus="yes">
        <source>Saved {file} (%n page(s)) in {folder}.</source>
        <translation>
            <numerusform>{file} (%n Seite) in {folder} gespeichert.</numerusform>
            <numerusform>{file} (%n Seiten) in {folder} gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <translation>Export abgebrochen: Es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Figures of {name}</source>
        <extracomment>``(report, path, page size, progress(done, total, text)) -&gt; pages``: the PDF writer (views/annual_report_pdf). list[Source]: the sources to choose from (archived ones included; the dialog says which). (done, total, what): the export&apos;s progress. (path, pages): the PDF was written. The message when the file could not be written (nothing else was touched). The export was cancelled: no file was written.</extracomment>
        <translation>Zahlen von {name}</translation>
    </message>
    <message>
        <source>Figures ready</source>
        <translation>Zahlen fertig</translation>
    </message>
    <message>
        <source>The report could not be written to {file}: {reason} (folder {folder}).</source>
        <translation>Der Bericht konnte nicht nach {file} geschrieben werden: {reason} (Ordner {folder}).</translation>
    </message>
</context>
<context>
    <name>AnnualReportPdf</name>
    <message>
        <source>Annual report {year}</source>
        <extracomment>Most notes listed per source (a year of daily notes would fill pages). How many years the year-over-year chart compares (the chosen one and those before it). Monthly report over [start, end): the table, the consumption chart, totals and cost. The year&apos;s row (Period.YEAR or BILLING_YEAR) with ``last_year`` and ``change``; None without data. Last year&apos;s whole row (its consumption and cost), None without data. Monthly report of the compared years (the year-over-year chart). Tariffs in force during the year (the one valid at its start, then each change). Meter changes recorded in the year. The metric as metered when its figures are converted (gas in m³; ``metric`` then says kWh). Conversion factors in force during the year (the one valid at its start, then each change). Notes left out beyond MAX_NOTES. A source with advance payments: the year&apos;s advances against its cost (the year is over), or the current billing year&apos;s forecast settlement (the year is not over yet); else None. The most decimals among the metrics summed (the total is shown with these). Per unit (in the order first met), counters and interval metrics only. Total cost per currency.</extracomment>
        <translation>Jahresbericht {year}</translation>
    </message>
    <message>
        <source>Billing year {year}</source>
        <translation>Abrechnungsjahr {year}</translation>
    </message>
    <message>
        <source>January</source>
        <extracomment>Page sizes offered (name → Qt&apos;s id). The resolution of the PDF&apos;s coordinates and of the chart images (dots per inch). The document is laid out in CSS pixels (96 per inch) and scaled to the page. Page margins in millimetres: left/right, top (below the header), bottom (above the footer). The charts&apos; size on the page, in layout pixels (two side by side), and the widget&apos;s own size. Layout pixels between the two charts. Colours of the statement (ink, muted, lines, the header row, zebra rows, accent). A table cell starting with this and &quot;N&gt;&quot; spans N columns.</extracomment>
        <translation>Januar</translation>
    </message>
    <message>
        <source>February</source>
        <translation>Februar</translation>
    </message>
    <message>
        <source>March</source>
        <translation>März</translation>
    </message>
    <message>
        <source>April</source>
        <translation>April</translation>
    </message>
    <message>
        <source>May</source>
        <translation>Mai</translation>
    </message>
    <message>
        <source>June</source>
        <translation>Juni</translation>
    </message>
    <message>
        <source>July</source>
        <translation>Juli</translation>
    </message>
    <message>
        <source>August</source>
        <translation>August</translation>
    </message>
    <message>
        <source>September</source>
        <translation>September</translation>
    </message>
    <message>
        <source>October</source>
        <translation>Oktober</translation>
    </message>
    <message>
        <source>November</source>
        <translation>November</translation>
    </message>
    <message>
        <source>December</source>
        <translation>Dezember</translation>
    </message>
    <message>
        <source>Charts of {name}</source>
        <translation>Diagramme von {name}</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Cover</source>
        <translation>Deckblatt</translation>
    </message>
    <message>
        <source>the PDF could not be started</source>
        <translation>das PDF konnte nicht begonnen werden</translation>
    </message>
    <message>
        <source>Made by Home Log on {day}</source>
        <translation>Erstellt von Home Log am {day}</translation>
    </message>
    <message>
        <source>Page {number} of {total}</source>
        <translation>Seite {number} von {total}</translation>
    </message>
    <message>
        <source>{day} {month} {year}</source>
        <translation>{day}. {month} {year}</translation>
    </message>
    <message>
        <source>{day} {month}</source>
        <translation>{day}. {month}</translation>
    </message>
    <message>
        <source>Billing year</source>
        <translation>Abrechnungsjahr</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>archiviert</translation>
    </message>
    <message>
        <source>No readings in {year}.</source>
        <translation>Keine Ablesungen in {year}.</translation>
    </message>
    <message>
        <source>Nothing was recorded for this source from {span}, so there is no consumption or cost to report.</source>
        <translation>Für diese Messstelle wurde vom {span} nichts erfasst; es gibt also keinen Verbrauch und keine Kosten zu berichten.</translation>
    </message>
    <message>
        <source>Advances paid</source>
        <translation>Gezahlte Abschläge</translation>
    </message>
    <message>
        <source>readings cover {covered} of its {days} days</source>
        <translation>Ablesungen decken {covered} seiner {days} Tage ab</translation>
    </message>
    <message>
        <source>Cost of the year</source>
        <translation>Kosten des Jahres</translation>
    </message>
    <message>
        <source>so far, of {due}</source>
        <translation>bisher, von {due}</translation>
    </message>
    <message>
        <source>forecast by last year&apos;s profile</source>
        <translation>Hochrechnung nach dem Vorjahresverlauf</translation>
    </message>
    <message>
        <source>forecast by the recent rate</source>
        <translation>Hochrechnung nach dem jüngsten Verbrauch</translation>
    </message>
    <message>
        <source>needs a tariff for the whole year</source>
        <translation>braucht einen Tarif für das ganze Jahr</translation>
    </message>
    <message>
        <source>needs a tariff and readings this year</source>
        <translation>braucht einen Tarif und Ablesungen in diesem Jahr</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>Abrechnung</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Erstattung</translation>
    </message>
    <message>
        <source>Back payment</source>
        <translation>Nachzahlung</translation>
    </message>
    <message>
        <source>on {date}</source>
        <translation>am {date}</translation>
    </message>
    <message>
        <source>forecast for {date}</source>
        <translation>Hochrechnung für den {date}</translation>
    </message>
    <message>
        <source>Advance payments</source>
        <translation>Abschläge</translation>
    </message>
    <message>
        <source>Advance payments, billing year {span}</source>
        <translation>Abschläge, Abrechnungsjahr {span}</translation>
    </message>
    <message>
        <source>No readings of {metric} in {year}.</source>
        <translation>Keine Ablesungen von {metric} in {year}.</translation>
    </message>
    <message>
        <source>&lt;h3&gt;By month&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Nach Monaten&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Lowest</source>
        <translation>Tiefstwert</translation>
    </message>
    <message>
        <source>Highest</source>
        <translation>Höchstwert</translation>
    </message>
    <message>
        <source>Days covered</source>
        <translation>Abgedeckte Tage</translation>
    </message>
    <message>
        <source>{amount} metered</source>
        <translation>{amount} gemessen</translation>
    </message>
    <message>
        <source>Consumption</source>
        <translation>Verbrauch</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>no tariff</source>
        <translation>kein Tarif</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>Pro Tag</translation>
    </message>
    <message>
        <source>over {days} days</source>
        <translation>über {days} Tage</translation>
    </message>
    <message>
        <source>On last year</source>
        <translation>Zum Vorjahr</translation>
    </message>
    <message>
        <source>then {amount}</source>
        <translation>damals {amount}</translation>
    </message>
    <message>
        <source>no readings a year earlier</source>
        <translation>keine Ablesungen ein Jahr zuvor</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>Metered ({unit})</source>
        <translation>Gemessen ({unit})</translation>
    </message>
    <message>
        <source>Metered</source>
        <translation>Gemessen</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>Letztes Jahr</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Veränderung</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Rollover</source>
        <translation>Überlauf</translation>
    </message>
    <message>
        <source>Reset (old meter&apos;s last value {old})</source>
        <translation>Zurückgesetzt (letzter Stand des alten Zählers {old})</translation>
    </message>
    <message>
        <source>Meter replaced: old meter&apos;s last value {old}, new meter&apos;s first {new}</source>
        <translation>Zähler getauscht: letzter Stand des alten Zählers {old}, erster des neuen {new}</translation>
    </message>
    <message>
        <source>In force at the start</source>
        <translation>Gültig zu Beginn</translation>
    </message>
    <message>
        <source>From {day}</source>
        <translation>Ab {day}</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>, standing charge {amount} {currency} a day</source>
        <translation>, Grundpreis {amount} {currency} pro Tag</translation>
    </message>
    <message>
        <source>{since}: {price} {currency} per {unit}</source>
        <translation>{since}: {price} {currency} pro {unit}</translation>
    </message>
    <message>
        <source>From {date}</source>
        <translation>Ab {date}</translation>
    </message>
    <message>
        <source>{unit} per {metered}</source>
        <translation>{unit} pro {metered}</translation>
    </message>
    <message>
        <source>{since}: {factor} × Z-number {z} = {product} {per}</source>
        <translation>{since}: {factor} × Zustandszahl {z} = {product} {per}</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Preise</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>Umrechnung</translation>
    </message>
    <message>
        <source>Meter changes</source>
        <translation>Zählerwechsel</translation>
    </message>
    <message>
        <source>&lt;span class=&quot;muted&quot;&gt;none&lt;/span&gt;</source>
        <translation>&lt;span class=&quot;muted&quot;&gt;keine&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>&lt;h3&gt;In the year&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Im Jahr&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>HOME LOG · ANNUAL STATEMENT</source>
        <translation>HOME LOG · JAHRESÜBERSICHT</translation>
    </message>
    <message>
        <source>Each source&apos;s billing year that starts in {year}: {spans}</source>
        <translation>Das Abrechnungsjahr jeder Messstelle, das {year} beginnt: {spans}</translation>
    </message>
    <message>
        <source>Each source&apos;s billing year that starts in {year}</source>
        <translation>Das Abrechnungsjahr jeder Messstelle, das {year} beginnt</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Household totals&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Summen des Haushalts&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Total cost</source>
        <translation>Gesamtkosten</translation>
    </message>
    <message>
        <source>No consumption recorded in {year}.</source>
        <translation>Kein Verbrauch in {year} erfasst.</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Sources&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Messstellen&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Messstelle</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Messgröße</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>no readings in {period}</source>
        <translation>keine Ablesungen in {period}</translation>
    </message>
    <message>
        <source>&lt;span class=&quot;muted&quot;&gt;mean&lt;/span&gt; {value}</source>
        <translation>&lt;span class=&quot;muted&quot;&gt;Mittel&lt;/span&gt; {value}</translation>
    </message>
    <message>
        <source>&lt;p class=&quot;empty&quot;&gt;No sources chosen.&lt;/p&gt;</source>
        <translation>&lt;p class=&quot;empty&quot;&gt;Keine Messstellen gewählt.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p class=&quot;small muted&quot;&gt;&lt;br&gt;Consumption is spread evenly between readings and allocated to the months they cover; “on last year” compares the same days a year earlier. The figures are those of Home Log&apos;s Reports page.&lt;/p&gt;</source>
        <translation>&lt;p class=&quot;small muted&quot;&gt;&lt;br&gt;Der Verbrauch wird gleichmäßig zwischen Ablesungen verteilt und den Monaten zugeordnet, die sie abdecken; „zum Vorjahr“ vergleicht dieselben Tage ein Jahr zuvor. Die Zahlen sind die der Berichte in Home Log.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Mean, lowest and highest per month</source>
        <translation>Mittel, Tiefst- und Höchstwert je Monat</translation>
    </message>
    <message>
        <source>Consumption and cost per month</source>
        <translation>Verbrauch und Kosten je Monat</translation>
    </message>
    <message>
        <source>Year over year</source>
        <translation>Jahresvergleich</translation>
    </message>
</context>
<context>
    <name>Auth</name>
    <message>
        <source>That name or e-mail and password do not match. Check both and try again.</source>
        <extracomment>What every refused sign-in says (never which part was wrong; translated where given).</extracomment>
        <translation>Name oder E-Mail und Passwort passen nicht zusammen. Prüfen Sie beides und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The current password is not right.</source>
        <translation>Das aktuelle Passwort stimmt nicht.</translation>
    </message>
    <message>
        <source>The server at {place} is busy with other sign-ins. Try again in a moment.</source>
        <translation>Der Server unter {place} ist mit anderen Anmeldungen beschäftigt. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The household “{database}” at {place} is not ready for signing in by name or e-mail: its owner updates it first (open it with Home Log as the database&apos;s owner).</source>
        <translation>Der Haushalt „{database}“ unter {place} ist noch nicht für die Anmeldung mit Name oder E-Mail bereit: Sein Eigentümer aktualisiert ihn zuerst (indem er ihn mit Home Log als Eigentümer der Datenbank öffnet).</translation>
    </message>
    <message>
        <source>Too many failed sign-ins.</source>
        <translation>Zu viele fehlgeschlagene Anmeldungen.</translation>
    </message>
    <message numerus="yes">
        <source>Try again in %n second(s).</source>
        <translation>
            <numerusform>Versuchen Sie es in %n Sekunde erneut.</numerusform>
            <numerusform>Versuchen Sie es in %n Sekunden erneut.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Home Log databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <extracomment>The file filter of &quot;Other file…&quot;.</extracomment>
        <translation>Home-Log-Datenbanken (*.db *.sqlite *.sqlite3);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>No backups yet in {folder}.

Home Log makes one every day you use it and before every upgrade; File → Back Up Now makes one at once. You can also restore another file.</source>
        <translation>Noch keine Sicherungen in {folder}.

Home Log legt an jedem Tag, an dem Sie es nutzen, und vor jedem Update eine an; Datei → Jetzt sichern legt sofort eine an. Sie können auch eine andere Datei wiederherstellen.</translation>
    </message>
    <message>
        <source>Backups are kept in {folder}</source>
        <translation>Sicherungen liegen in {folder}</translation>
    </message>
    <message>
        <source>the backup of {time}</source>
        <translation>der Sicherung vom {time}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln source(s)</source>
        <translation>
            <numerusform>%Ln Messstelle</numerusform>
            <numerusform>%Ln Messstellen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %Ln reading(s)</source>
        <translation>
            <numerusform> und %Ln Ablesung</numerusform>
            <numerusform> und %Ln Ablesungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Replace your data with {what}?</source>
        <translation>Ihre Daten durch {what} ersetzen?</translation>
    </message>
    <message>
        <source> It was made by an older Home Log and is upgraded as it opens.</source>
        <translation> Sie stammt von einer älteren Home-Log-Version und wird beim Öffnen aktualisiert.</translation>
    </message>
    <message>
        <source>It holds {what}.</source>
        <translation>Sie enthält {what}.</translation>
    </message>
    <message>
        <source>Your current data is first kept as a backup (“Before a restore”), so you can go back to it the same way. Then the backup takes its place and the window shows it.</source>
        <translation>Ihre aktuellen Daten werden zuerst als Sicherung aufbewahrt („Vor einer Wiederherstellung“), sodass Sie auf demselben Weg zu ihnen zurückkehren können. Dann tritt die Sicherung an ihre Stelle, und das Fenster zeigt sie.</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>There is no database at {path} to back up.</source>
        <extracomment>Rotation: the newest KEEP_LAST backups, plus the newest of each of the last KEEP_MONTHS months. Rotation never deletes the newest KEEP_GOOD backups that pass the check, whatever their age. A daily backup is taken at start when the newest backup is older than this. A backup dated later than now plus this was made under a wrong clock (it is not &quot;recent&quot;).</extracomment>
        <translation>Unter {path} gibt es keine Datenbank zum Sichern.</translation>
    </message>
    <message>
        <source>{target} is the database itself; choose another file for the backup.</source>
        <translation>{target} ist die Datenbank selbst; wählen Sie eine andere Datei für die Sicherung.</translation>
    </message>
    <message>
        <source>{target} is a folder; give the name of the backup file.</source>
        <translation>{target} ist ein Ordner; geben Sie den Namen der Sicherungsdatei an.</translation>
    </message>
    <message>
        <source>Backed up by you</source>
        <extracomment>Words shown for each reason (translated where shown: ``BackupFile.reason_text``).</extracomment>
        <translation>Von Ihnen gesichert</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>Täglich</translation>
    </message>
    <message>
        <source>Before an upgrade</source>
        <translation>Vor einem Update</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>Vor einer Wiederherstellung</translation>
    </message>
    <message>
        <source>{target} exists already; it was not overwritten.</source>
        <extracomment>Pages copied per step of the online backup (a step holds a read lock only briefly). Set to a number of pages to copy per step and report every step (tests use 1 to make a copy slow). Temporary files end with this (never listed as backups; removed when their writer is gone). What SQLite may add to a temporary file&apos;s name (its journal), removed with it. progress(pages_done, pages_total)</extracomment>
        <translation>{target} existiert schon; die Datei wurde nicht überschrieben.</translation>
    </message>
    <message>
        <source>{source} is empty (0 bytes): the data it held is gone, so it was not backed up. The backups made before were kept; restore the newest good one (homelog restore FILE, or File → Restore from Backup).</source>
        <translation>{source} ist leer (0 Bytes): Die Daten darin sind verloren, deshalb wurde sie nicht gesichert. Die früheren Sicherungen wurden behalten; stellen Sie die neueste gute wieder her (homelog restore DATEI oder Datei → Aus Sicherung wiederherstellen).</translation>
    </message>
    <message>
        <source>The copy of {source} failed its check ({problem}): the disk it was written to may be failing. It was not kept; your data was not changed.</source>
        <translation>Die Kopie von {source} hat die Prüfung nicht bestanden ({problem}): Der Datenträger, auf den sie geschrieben wurde, ist vielleicht defekt. Sie wurde nicht behalten; Ihre Daten wurden nicht geändert.</translation>
    </message>
    <message>
        <source>{source} is damaged ({problem}), so it was not backed up: a copy of damaged data is no backup. The backups made before were kept; restore the newest good one (homelog restore FILE, or File → Restore from Backup in the window).</source>
        <translation>{source} ist beschädigt ({problem}), deshalb wurde sie nicht gesichert: Eine Kopie beschädigter Daten ist keine Sicherung. Die früheren Sicherungen wurden behalten; stellen Sie die neueste gute wieder her (homelog restore DATEI oder im Fenster Datei → Aus Sicherung wiederherstellen).</translation>
    </message>
    <message>
        <source>{source} is damaged and cannot be copied ({exc}).</source>
        <extracomment>Backups this process wrote or checked and found good: (path, size, mtime_ns).</extracomment>
        <translation>{source} ist beschädigt und lässt sich nicht kopieren ({exc}).</translation>
    </message>
    <message>
        <source>Could not write to {folder}: the disk is full. Free some space and try again. Nothing was changed.</source>
        <translation>In {folder} konnte nicht geschrieben werden: Der Datenträger ist voll. Schaffen Sie Platz und versuchen Sie es erneut. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Could not write to {folder}: the folder is read-only or not yours. Choose a folder you can write to. Nothing was changed.</source>
        <translation>In {folder} konnte nicht geschrieben werden: Der Ordner ist schreibgeschützt oder gehört Ihnen nicht. Wählen Sie einen Ordner, in den Sie schreiben können. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Could not write to {folder}: a file is in the way where a folder should be. Nothing was changed.</source>
        <translation>In {folder} konnte nicht geschrieben werden: Wo ein Ordner sein sollte, liegt eine Datei. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Could not write to {folder}: the folder cannot be written (read-only, missing or not yours). Nothing was changed.</source>
        <translation>In {folder} konnte nicht geschrieben werden: Der Ordner ist nicht beschreibbar (schreibgeschützt, fehlt oder gehört Ihnen nicht). Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Could not write to {folder}: {reason}. Nothing was changed.</source>
        <translation>In {folder} konnte nicht geschrieben werden: {reason}. Nichts wurde geändert.</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Dismiss</source>
        <extracomment>Room a window manager takes for a window&apos;s title bar.</extracomment>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Meldung schließen</translation>
    </message>
</context>
<context>
    <name>Category</name>
    <message>
        <source>Electricity</source>
        <translation>Strom</translation>
    </message>
    <message>
        <source>Water</source>
        <translation>Wasser</translation>
    </message>
    <message>
        <source>Gas</source>
        <translation>Gas</translation>
    </message>
    <message>
        <source>Oil</source>
        <translation>Heizöl</translation>
    </message>
    <message>
        <source>Heat</source>
        <translation>Wärme</translation>
    </message>
    <message>
        <source>Solar</source>
        <translation>Solar</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
</context>
<context>
    <name>CategoryDefaults</name>
    <message>
        <source>Electricity</source>
        <extracomment>Default name (translated where used: ``default_metric``), unit and kind of the first metric of a new source, per category.</extracomment>
        <translation>Strom</translation>
    </message>
    <message>
        <source>Water</source>
        <translation>Wasser</translation>
    </message>
    <message>
        <source>Gas</source>
        <translation>Gas</translation>
    </message>
    <message>
        <source>Oil delivered</source>
        <translation>Öl geliefert</translation>
    </message>
    <message>
        <source>Heat</source>
        <translation>Wärme</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Erzeugung</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>ChartBase</name>
    <message>
        <source>Nothing to show</source>
        <extracomment>Line index → the colour of its series: a dot in that colour leads the line. How much one &quot;Zoom out&quot; widens the visible range (&quot;Zoom in&quot; narrows it as much). Pixels between the cursor and the hover label. The least height a chart still reads at (title, plot and axis): the Reports page at 800×600. The hover label&apos;s text (lines joined by newlines), &quot;&quot; when it hides. ``save_png_dialog`` wrote the chart to this path. ``save_png_dialog`` could not write: the message for the user.</extracomment>
        <translation>Nichts anzuzeigen</translation>
    </message>
    <message>
        <source>Save chart as PNG</source>
        <translation>Diagramm als PNG speichern</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>Zoom zurücksetzen</translation>
    </message>
    <message>
        <source>Show all the data again (or double-click the chart)</source>
        <translation>Wieder alle Daten zeigen (oder Doppelklick auf das Diagramm)</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>Als PNG speichern…</translation>
    </message>
    <message>
        <source>Could not save the chart to {path}: check that the folder exists and is writable.</source>
        <translation>Das Diagramm konnte nicht nach {path} gespeichert werden: Prüfen Sie, ob der Ordner existiert und beschreibbar ist.</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>Wordy…</source>
        <translation>Wortreich…</translation>
    </message>
    <message>
        <source>MMM yyyy</source>
        <translation>MMM yyyy</translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <translation>d. MMM yyyy</translation>
    </message>
    <message>
        <source>d MMM</source>
        <translation>d. MMM</translation>
    </message>
    <message>
        <source>dddd d MMMM yyyy</source>
        <translation>dddd, d. MMMM yyyy</translation>
    </message>
    <message>
        <source>Week {week}, {span}</source>
        <translation>KW {week}, {span}</translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <translation>MMMM yyyy</translation>
    </message>
    <message>
        <source>Billing year {year} ({span})</source>
        <translation>Abrechnungsjahr {year} ({span})</translation>
    </message>
    <message>
        <source>Heating season {year} ({span})</source>
        <translation>Heizperiode {year} ({span})</translation>
    </message>
    <message>
        <source>ddd d MMM yyyy, HH:mm</source>
        <translation>ddd, d. MMM yyyy, HH:mm</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>No months to compare yet</source>
        <extracomment>At most this many years are drawn (the most recent ones). A month counts as partly covered below this share of its days.</extracomment>
        <translation>Noch keine Monate zum Vergleichen</translation>
    </message>
    <message>
        <source>The comparison appears once readings cover at least one month.</source>
        <translation>Der Vergleich erscheint, sobald Ablesungen mindestens einen Monat abdecken.</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Undo</source>
        <extracomment>The actions the access policy may refuse on the shown source (their tip then gives the reason). The import&apos;s view model and service, imported in a worker thread before the wizard opens. Who is signed in (None: nobody signs in to this data).</extracomment>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Undo {name}</source>
        <translation>{name} rückgängig machen</translation>
    </message>
    <message>
        <source>Redo {name}</source>
        <translation>{name} wiederholen</translation>
    </message>
    <message>
        <source>Undoing or redoing a change…</source>
        <translation>Eine Änderung wird rückgängig gemacht oder wiederholt…</translation>
    </message>
    <message>
        <source>Delete the reading of {time} from “{name}”?</source>
        <translation>Die Ablesung vom {time} aus „{name}“ löschen?</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln readings from “{name}”?</source>
        <translation>
            <numerusform>%Ln Ablesung aus „{name}“ löschen?</numerusform>
            <numerusform>%Ln Ablesungen aus „{name}“ löschen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit → Undo brings them back.</source>
        <translation>Bearbeiten → Rückgängig holt sie zurück.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln reading(s) deleted</source>
        <translation>
            <numerusform>%Ln Ablesung gelöscht</numerusform>
            <numerusform>%Ln Ablesungen gelöscht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln reading(s) saved</source>
        <translation>
            <numerusform>%Ln Ablesung gespeichert</numerusform>
            <numerusform>%Ln Ablesungen gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <source>“{name}” saved</source>
        <translation>„{name}“ gespeichert</translation>
    </message>
    <message numerus="yes">
        <source>Delete “{name}” and its %Ln reading(s)?</source>
        <translation>
            <numerusform>„{name}“ und seine %Ln Ablesung löschen?</numerusform>
            <numerusform>„{name}“ und seine %Ln Ablesungen löschen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete “{name}”? It has no readings.</source>
        <translation>„{name}“ löschen? Es gibt keine Ablesungen.</translation>
    </message>
    <message>
        <source>Edit → Undo brings it back. To keep the readings but hide the source, archive it instead.</source>
        <translation>Bearbeiten → Rückgängig holt sie zurück. Um die Ablesungen zu behalten und die Messstelle nur auszublenden, archivieren Sie sie stattdessen.</translation>
    </message>
    <message numerus="yes">
        <source>Source deleted with %Ln reading(s)</source>
        <translation>
            <numerusform>Messstelle mit %Ln Ablesung gelöscht</numerusform>
            <numerusform>Messstelle mit %Ln Ablesungen gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled: no file was written</source>
        <translation>Export abgebrochen: Es wurde keine Datei geschrieben</translation>
    </message>
    <message>
        <source>Annual report saved: {path}</source>
        <translation>Jahresbericht gespeichert: {path}</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Reload shows the {what} as it is now: what you typed here is discarded.
Overwrite saves your version over theirs: their change is replaced.</source>
        <translation>Neu laden zeigt {what} im jetzigen Zustand: Was Sie hier eingegeben haben, wird verworfen.
Überschreiben speichert Ihre Fassung über die andere: Die andere Änderung wird ersetzt.</translation>
    </message>
</context>
<context>
    <name>ConflictQuestion</name>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>Überschreiben</translation>
    </message>
    <message>
        <source>Keep Editing</source>
        <translation>Weiter bearbeiten</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>{this} was changed by {who} at {when}, after you opened it. Your changes are not saved yet.</source>
        <translation>{this} wurde von {who} um {when} geändert, nachdem Sie das Formular geöffnet hatten. Ihre Änderungen sind noch nicht gespeichert.</translation>
    </message>
    <message>
        <source>{this} was changed by {who}, after you opened it. Your changes are not saved yet.</source>
        <translation>{this} wurde von {who} geändert, nachdem Sie das Formular geöffnet hatten. Ihre Änderungen sind noch nicht gespeichert.</translation>
    </message>
    <message>
        <source>{this} was changed by someone else (another window or program) at {when}, after you opened it. Your changes are not saved yet.</source>
        <translation>{this} wurde von jemand anderem (einem anderen Fenster oder Programm) um {when} geändert, nachdem Sie das Formular geöffnet hatten. Ihre Änderungen sind noch nicht gespeichert.</translation>
    </message>
    <message>
        <source>{this} was changed by someone else (another window or program), after you opened it. Your changes are not saved yet.</source>
        <translation>{this} wurde von jemand anderem (einem anderen Fenster oder Programm) geändert, nachdem Sie das Formular geöffnet hatten. Ihre Änderungen sind noch nicht gespeichert.</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to a Shared Database</source>
        <extracomment>QSettings keys of the last server connected to (never a password).</extracomment>
        <translation>Mit gemeinsamer Datenbank verbinden</translation>
    </message>
    <message>
        <source>Open a household kept on a PostgreSQL server, shared by several computers. Each member signs in with their own name and password.</source>
        <translation>Einen Haushalt auf einem PostgreSQL-Server öffnen, den mehrere Computer teilen. Jedes Mitglied meldet sich mit eigenem Namen und Passwort an.</translation>
    </message>
    <message>
        <source>server name or address, e.g. nas.local</source>
        <translation>Servername oder -adresse, z. B. nas.local</translation>
    </message>
    <message>
        <source>e.g. homelog</source>
        <translation>z. B. homelog</translation>
    </message>
    <message>
        <source>&amp;Remember password</source>
        <translation>Passwort &amp;merken</translation>
    </message>
    <message>
        <source>Checking whether this computer has a password store…</source>
        <translation>Prüfe, ob dieser Computer einen Passwortspeicher hat…</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>your member name or e-mail address</source>
        <translation>Ihr Mitgliedsname oder Ihre E-Mail-Adresse</translation>
    </message>
    <message>
        <source>&amp;Name or e-mail:</source>
        <translation>&amp;Name oder E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Teste…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>the server&apos;s host</source>
        <translation>den Host des Servers</translation>
    </message>
    <message>
        <source>the database</source>
        <translation>die Datenbank</translation>
    </message>
    <message>
        <source>your name</source>
        <translation>Ihren Namen</translation>
    </message>
    <message>
        <source>your password</source>
        <translation>Ihr Passwort</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} und {last}</translation>
    </message>
    <message>
        <source>Fill in {what}.</source>
        <translation>Geben Sie {what} ein.</translation>
    </message>
    <message>
        <source>administrator</source>
        <extracomment>``tested``&apos;s kinds besides problems.Kind&apos;s values.</extracomment>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Connected to {place}: {name} can sign in ({role}).</source>
        <translation>Verbunden mit {place}: {name} kann sich anmelden ({role}).</translation>
    </message>
    <message>
        <source>The server at {host}:{port} answered, but refused this name and password for the household “{database}”. Check the database name, your name and your password.</source>
        <translation>Der Server unter {host}:{port} hat geantwortet, aber diesen Namen und dieses Passwort für den Haushalt „{database}“ abgelehnt. Prüfen Sie den Datenbanknamen, Ihren Namen und Ihr Passwort.</translation>
    </message>
</context>
<context>
    <name>ConsumptionChart</name>
    <message>
        <source>No consumption in this period</source>
        <extracomment>Width of a bar, as a share of its period&apos;s slot. Below this many pixels per period the bars touch: gaps of a pixel or two flicker and look uneven. Label strides by period: months keep to quarters and years, weeks to months and quarters... Up to this many periods, the cost and mean lines have a dot per period. Width of a gauge&apos;s lowest-to-highest bar, as a share of its period&apos;s slot. Periods whose axis labels name the year once, then &quot;Feb&quot;, &quot;Mar&quot;... (years themselves: each its own). A period counts as partly covered below this share of its days (its bar is drawn paler).</extracomment>
        <translation>Kein Verbrauch in diesem Zeitraum</translation>
    </message>
    <message>
        <source>Consumption needs at least two readings of a counter, or one of an interval metric.</source>
        <translation>Für einen Verbrauch braucht es mindestens zwei Ablesungen eines Zählers oder eine einer Intervall-Messgröße.</translation>
    </message>
    <message>
        <source>Show cost</source>
        <translation>Kosten zeigen</translation>
    </message>
    <message>
        <source>No readings in this period</source>
        <translation>Keine Ablesungen in diesem Zeitraum</translation>
    </message>
    <message>
        <source>Readings of this sensor will appear here.</source>
        <translation>Ablesungen dieses Sensors erscheinen hier.</translation>
    </message>
    <message>
        <source>No readings</source>
        <translation>Keine Ablesungen</translation>
    </message>
    <message>
        <source>Mean {amount}</source>
        <translation>Mittel {amount}</translation>
    </message>
    <message>
        <source>Lowest {low}, highest {high}</source>
        <translation>Tiefstwert {low}, Höchstwert {high}</translation>
    </message>
    <message>
        <source>No consumption</source>
        <translation>Kein Verbrauch</translation>
    </message>
    <message>
        <source>Cost {amount}</source>
        <translation>Kosten {amount}</translation>
    </message>
    <message>
        <source>Last year {amount}</source>
        <translation>Vorjahr {amount}</translation>
    </message>
    <message numerus="yes">
        <source>Readings cover {days} of %n day(s)</source>
        <translation>
            <numerusform>Ablesungen decken {days} von %n Tag ab</numerusform>
            <numerusform>Ablesungen decken {days} von %n Tagen ab</numerusform>
        </translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Consumption</source>
        <translation>Verbrauch</translation>
    </message>
    <message>
        <source>Cost ({currency})</source>
        <translation>Kosten ({currency})</translation>
    </message>
    <message>
        <source>Lowest to highest</source>
        <translation>Tiefst- bis Höchstwert</translation>
    </message>
    <message>
        <source>Partly covered</source>
        <translation>Teilweise abgedeckt</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <source>{app} is already running with this data file:
{path}

Switch to the window that is open already. If none is, the other window may still be closing: try again in a moment.</source>
        <extracomment>True while a restore or a recovery runs (a second one is not started meanwhile). True while the backups&apos; errors are shown by a dialog rather than the window&apos;s banner. The local data&apos;s URL given on the command line (None: the default file), for the way back from a server. Failed sign-ins to local files in this run (services/auth.SignInThrottle), kept across dialogs. After Sign Out no remembered password signs anyone in by itself. Some data was shown in this run: Cancel on a later sign-in dialog leaves the window open. How many openings of a database are under way, and set when there are none: closing the current database (a restore, a switch) waits for an opening to end first, so no connection is opened behind its back.</extracomment>
        <translation>{app} läuft bereits mit dieser Datendatei:
{path}

Wechseln Sie zum bereits geöffneten Fenster. Ist keines offen, wird das andere Fenster vielleicht noch geschlossen: Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Nobody signed in.</source>
        <translation>Niemand hat sich angemeldet.</translation>
    </message>
    <message>
        <source>Sign in to the household on {place}.</source>
        <translation>Melden Sie sich beim Haushalt auf {place} an.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Open My &amp;Local File</source>
        <translation>Meine &amp;lokale Datei öffnen</translation>
    </message>
    <message>
        <source>Open My Local File goes back to the data on this PC.</source>
        <translation>„Meine lokale Datei öffnen“ kehrt zu den Daten auf diesem PC zurück.</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit closes Home Log: nobody is signed in.</source>
        <translation>„Beenden“ schließt Home Log: Niemand ist angemeldet.</translation>
    </message>
    <message>
        <source>Signed out.</source>
        <translation>Abgemeldet.</translation>
    </message>
    <message>
        <source>The sample household is open in another Home Log window.</source>
        <translation>Der Beispielhaushalt ist in einem anderen Home-Log-Fenster geöffnet.</translation>
    </message>
    <message>
        <source>Preparing the sample household…</source>
        <translation>Bereite den Beispielhaushalt vor…</translation>
    </message>
    <message>
        <source>The sample household is not backed up: it is made up. File → Back to My Data first.</source>
        <translation>Der Beispielhaushalt wird nicht gesichert: Er ist erfunden. Zuerst Datei → Zurück zu meinen Daten.</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Sichere…</translation>
    </message>
    <message>
        <source>Checking {file}…</source>
        <translation>Prüfe {file}…</translation>
    </message>
    <message>
        <source>Restoring {file}…</source>
        <translation>Stelle {file} wieder her…</translation>
    </message>
    <message>
        <source>the restore failed.</source>
        <translation>die Wiederherstellung ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Nothing was restored: {reason}</source>
        <translation>Es wurde nichts wiederhergestellt: {reason}</translation>
    </message>
    <message>
        <source> Your data from before is kept in {place}.</source>
        <translation> Ihre bisherigen Daten liegen in {place}.</translation>
    </message>
    <message>
        <source> The damaged file was moved aside, unchanged, to {place}.</source>
        <translation> Die beschädigte Datei wurde unverändert nach {place} verschoben.</translation>
    </message>
    <message>
        <source>Restored {file}.</source>
        <translation>{file} wiederhergestellt.</translation>
    </message>
    <message>
        <source>Your data file cannot be opened.</source>
        <translation>Ihre Datendatei kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>The file was left as it is.</source>
        <translation>Die Datei wurde nicht verändert.</translation>
    </message>
    <message>
        <source>This household is on a database server already.</source>
        <translation>Dieser Haushalt liegt bereits auf einem Datenbankserver.</translation>
    </message>
</context>
<context>
    <name>Copying</name>
    <message numerus="yes">
        <source>%Ln member(s)</source>
        <extracomment>progress(rows copied, rows in all, table being copied) The tables in the order summaries name them (&quot;3 members, 4 sources, ...&quot;: ``counted``).</extracomment>
        <translation>
            <numerusform>%Ln Mitglied</numerusform>
            <numerusform>%Ln Mitglieder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln member password(s)</source>
        <translation>
            <numerusform>%Ln Mitgliedspasswort</numerusform>
            <numerusform>%Ln Mitgliedspasswörter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln source(s)</source>
        <translation>
            <numerusform>%Ln Messstelle</numerusform>
            <numerusform>%Ln Messstellen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln metric(s)</source>
        <translation>
            <numerusform>%Ln Messgröße</numerusform>
            <numerusform>%Ln Messgrößen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln reading(s)</source>
        <translation>
            <numerusform>%Ln Ablesung</numerusform>
            <numerusform>%Ln Ablesungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln value(s)</source>
        <translation>
            <numerusform>%Ln Wert</numerusform>
            <numerusform>%Ln Werte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln meter change(s)</source>
        <translation>
            <numerusform>%Ln Zählerwechsel</numerusform>
            <numerusform>%Ln Zählerwechsel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln tariff(s)</source>
        <translation>
            <numerusform>%Ln Tarif</numerusform>
            <numerusform>%Ln Tarife</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln virtual meter input(s)</source>
        <translation>
            <numerusform>%Ln Eingang virtueller Zähler</numerusform>
            <numerusform>%Ln Eingänge virtueller Zähler</numerusform>
        </translation>
    </message>
    <message>
        <source>The copy was cancelled; nothing was copied.</source>
        <extracomment>table -&gt; rows copied (every table, parents first). The members&apos; roles (a copy to a server only). table -&gt; the next id it gives (after the copy).</extracomment>
        <translation>Das Kopieren wurde abgebrochen; nichts wurde kopiert.</translation>
    </message>
    <message>
        <source>{where} holds no Home Log household to copy.</source>
        <translation>{where} enthält keinen Home-Log-Haushalt zum Kopieren.</translation>
    </message>
    <message>
        <source>{where} has schema {revision}, this Home Log writes {head}: open it with this version of Home Log once (it upgrades it), then copy it.</source>
        <translation>{where} hat das Schema {revision}, dieses Home Log schreibt {head}: Öffnen Sie sie einmal mit dieser Version von Home Log (die sie aktualisiert) und kopieren Sie sie dann.</translation>
    </message>
    <message>
        <source>The database {name}</source>
        <translation>Die Datenbank {name}</translation>
    </message>
    <message>
        <source>{where} already holds data ({held}): Home Log copies a household only into an empty database. Nothing was copied. Use a new database (createdb NAME) or another file.</source>
        <translation>{where} enthält schon Daten ({held}): Home Log kopiert einen Haushalt nur in eine leere Datenbank. Nichts wurde kopiert. Verwenden Sie eine neue Datenbank (createdb NAME) oder eine andere Datei.</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>The copy of the table {table} does not match its source ({there} rows there, {here} here, and different contents): the copy was undone, nothing was copied.</source>
        <translation>Die Kopie der Tabelle {table} stimmt nicht mit ihrer Quelle überein (dort {there} Zeilen, hier {here}, und ein anderer Inhalt): Die Kopie wurde rückgängig gemacht, nichts wurde kopiert.</translation>
    </message>
    <message>
        <source>The copy of the table {table} does not match its source ({there} rows there, {here} here): the copy was undone, nothing was copied.</source>
        <translation>Die Kopie der Tabelle {table} stimmt nicht mit ihrer Quelle überein (dort {there} Zeilen, hier {here}): Die Kopie wurde rückgängig gemacht, nichts wurde kopiert.</translation>
    </message>
    <message>
        <source>There is no database at {path} to copy.</source>
        <translation>Unter {path} gibt es keine Datenbank zum Kopieren.</translation>
    </message>
    <message>
        <source>No member with the id {id} in {path}.</source>
        <translation>Kein Mitglied mit der ID {id} in {path}.</translation>
    </message>
    <message>
        <source>{name}&apos;s password</source>
        <translation>Passwort von {name}</translation>
    </message>
    <message numerus="yes">
        <source>The copy in {path} would break %Ln reference(s); it was undone.</source>
        <translation>
            <numerusform>Die Kopie in {path} würde %Ln Verweis brechen; sie wurde rückgängig gemacht.</numerusform>
            <numerusform>Die Kopie in {path} würde %Ln Verweise brechen; sie wurde rückgängig gemacht.</numerusform>
        </translation>
    </message>
    <message>
        <source>{path} is a folder; give the name of the backup file.</source>
        <translation>{path} ist ein Ordner; geben Sie den Namen der Sicherungsdatei an.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Meter round…</source>
        <translation>Ableserunde…</translation>
    </message>
    <message>
        <source>Enter the readings of every due meter in one sheet (Ctrl+R)</source>
        <translation>Die Stände aller fälligen Zähler auf einem Blatt eingeben (Strg+R)</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>Aktualisiere…</translation>
    </message>
    <message>
        <source>No meters or sensors to show.

“New source…” adds one; archived sources are not shown here.</source>
        <translation>Keine Zähler oder Sensoren vorhanden.

„Neue Messstelle…“ fügt eine hinzu; archivierte Messstellen werden hier nicht gezeigt.</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>There is no database at {path}.</source>
        <extracomment>Rows per chunk read and written. Tables on a server that are the server&apos;s own (roles), never copied to a local file. Per column: &quot;int&quot;, &quot;bool&quot;, &quot;float&quot; or &quot;text&quot;.</extracomment>
        <translation>Unter {path} gibt es keine Datenbank.</translation>
    </message>
    <message>
        <source>The database server at {place} cannot be reached just now: what is shown may be out of date until it is back.</source>
        <extracomment>Milliseconds a connection waits for another writer (another window, the CLI) before failing. The key of the signed-in Actor in ``AsyncSession.info``. Seconds ``close()`` waits for SQLite to let go of the file once the engine is disposed (closes of cancelled connections run in their driver threads, after the statement under way). The SQLite connections open now (they close their cursors first: db/connections.py). The server processes of this Database&apos;s own connections (PostgreSQL): the live updates skip their notifications, which this window has reported already. Write units of work committed so far (the SQLite live poller tells own commits apart by it). The writers&apos; lock and file checks across processes (db/writers.py), for a SQLite file. Who is signed in; None for a local notebook without passwords (nobody is restricted). Every session carries it as ``session.info[&quot;actor&quot;]`` (read it with ``actor_of``). Units of work (and file readers) under way; ``close()`` waits until there are none.</extracomment>
        <translation>Der Datenbankserver unter {place} ist gerade nicht erreichbar: Was angezeigt wird, ist vielleicht veraltet, bis er wieder da ist.</translation>
    </message>
    <message>
        <source>The database server at {place} cannot be reached just now: nothing was saved. What you typed is kept: save again once the server is back.</source>
        <translation>Der Datenbankserver unter {place} ist gerade nicht erreichbar: Nichts wurde gespeichert. Ihre Eingaben bleiben erhalten: Speichern Sie erneut, sobald der Server wieder da ist.</translation>
    </message>
    <message>
        <source>{name} was written by a newer version of Home Log (schema {schema}). Install the newest Home Log to open it; the file has not been changed.</source>
        <extracomment>The PostgreSQL advisory lock held while a database is upgraded (&quot;hl&quot; + 0). What a migration changed in the data and the user should know (e.g. duplicates removed by 0004).</extracomment>
        <translation>{name} wurde von einer neueren Version von Home Log geschrieben (Schema {schema}). Installieren Sie das neueste Home Log, um sie zu öffnen; die Datei wurde nicht geändert.</translation>
    </message>
    <message numerus="yes">
        <source>Upgrading {name} would break %Ln reference(s); the file has not been changed.</source>
        <translation>
            <numerusform>Das Aktualisieren von {name} würde %Ln Verweis brechen; die Datei wurde nicht geändert.</numerusform>
            <numerusform>Das Aktualisieren von {name} würde %Ln Verweise brechen; die Datei wurde nicht geändert.</numerusform>
        </translation>
    </message>
    <message>
        <source>This file is not a Home Log database ({reason}).</source>
        <translation>Diese Datei ist keine Home-Log-Datenbank ({reason}).</translation>
    </message>
    <message>
        <source>This database has tables Home Log did not create; it was not opened.</source>
        <translation>Diese Datenbank hat Tabellen, die Home Log nicht angelegt hat; sie wurde nicht geöffnet.</translation>
    </message>
    <message>
        <source>Cannot replace {path}: {reason}. Nothing was changed.</source>
        <extracomment>Seconds a restore waits for other connections to the database to close before it gives up. The files SQLite keeps beside a database.</extracomment>
        <translation>{path} lässt sich nicht ersetzen: {reason}. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>{path} is being written by another program (an import?) for longer than {seconds} s; try again when it has finished. Nothing was changed.</source>
        <extracomment>Seconds a write waits for a restore to finish before it gives up. Seconds a restore waits for the writes under way (an import) to finish before it gives up. Files (device, inode, size, mtime) a check in this process found healthy: not checked again before writing.</extracomment>
        <translation>{path} wird seit mehr als {seconds} s von einem anderen Programm geschrieben (ein Import?); versuchen Sie es erneut, wenn es fertig ist. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Cannot lock {path}: {reason}. Nothing was changed.</source>
        <translation>{path} lässt sich nicht sperren: {reason}. Nichts wurde geändert.</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Keyboard shortcuts</source>
        <extracomment>What dropping a file on the window imports. Tables, the standard meter-data formats (Green Button XML, a zipped feed or NEM12 file) and Home Log&apos;s JSON export.</extracomment>
        <translation>Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <source>Readings that are there already</source>
        <translation>Bereits vorhandene Ablesungen</translation>
    </message>
    <message>
        <source>A row of the file may have the same time as a reading the source already has.</source>
        <translation>Eine Zeile der Datei kann denselben Zeitpunkt haben wie eine Ablesung, die die Messstelle schon hat.</translation>
    </message>
    <message>
        <source>Keep the stored reading and skip the row (safe when importing a file again)</source>
        <translation>Gespeicherte Ablesung behalten, Zeile überspringen (sicher bei erneutem Import)</translation>
    </message>
    <message>
        <source>Replace the stored reading with the row of the file</source>
        <translation>Gespeicherte Ablesung durch die Zeile der Datei ersetzen</translation>
    </message>
    <message>
        <source>Remember these settings for files with the same columns</source>
        <translation>Diese Einstellungen für Dateien mit denselben Spalten merken</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Invalid rows and rows without any value are skipped and listed in the summary.</source>
        <translation>Ungültige Zeilen und Zeilen ohne Wert werden übersprungen und in der Zusammenfassung aufgeführt.</translation>
    </message>
    <message>
        <source>Rows without any value are skipped and listed in the summary; an invalid row stops the import (nothing is stored then).</source>
        <translation>Zeilen ohne Wert werden übersprungen und in der Zusammenfassung aufgeführt; eine ungültige Zeile bricht den Import ab (dann wird nichts gespeichert).</translation>
    </message>
</context>
<context>
    <name>Energy</name>
    <message>
        <source>Unit</source>
        <extracomment>The unit energy is converted into unless a factor says otherwise. Largest factor accepted (MWh → Wh is 10⁶). Calorific value (kWh per m³), kWh per litre of oil, 1000 for MWh → kWh. The gas Z-number (state number); 1 for anything that is not gas. The unit converted into. The stored row&apos;s version when read. Not part of equality.</extracomment>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>must be given, at most {most} characters (kWh)</source>
        <translation>muss angegeben sein, höchstens {most} Zeichen (kWh)</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Gültig ab</translation>
    </message>
    <message>
        <source>this metric already has a factor from {date}</source>
        <translation>diese Messgröße hat schon einen Faktor ab {date}</translation>
    </message>
</context>
<context>
    <name>EnergyTab</name>
    <message>
        <source>Gas is billed in kWh: kWh = m³ × calorific value × Z-number (see your bill). Reports, costs (tariffs per kWh) and the dashboard then show kWh. Oil litres or MWh convert the same way.</source>
        <translation>Gas wird in kWh abgerechnet: kWh = m³ × Brennwert × Zustandszahl (siehe Ihre Rechnung). Berichte, Kosten (Tarife je kWh) und die Übersicht zeigen dann kWh. Liter Heizöl oder MWh werden genauso umgerechnet.</translation>
    </message>
    <message>
        <source>Your monthly advance (due on the 1st), for the billing year&apos;s forecast settlement.</source>
        <translation>Ihr monatlicher Abschlag (fällig am 1.), für die Prognose der Jahresabrechnung.</translation>
    </message>
    <message>
        <source>Metric</source>
        <extracomment>Calorific values a gas bill typically prints (kWh per m³), offered for a new gas row.</extracomment>
        <translation>Messgröße</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Gültig ab</translation>
    </message>
    <message>
        <source>Calorific value / factor</source>
        <translation>Brennwert / Faktor</translation>
    </message>
    <message>
        <source>Z-number</source>
        <translation>Zustandszahl</translation>
    </message>
    <message>
        <source>Into</source>
        <translation>In</translation>
    </message>
    <message>
        <source>Amount per month</source>
        <translation>Betrag pro Monat</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Conversion factors, row {row}</source>
        <translation>Umrechnungsfaktoren, Zeile {row}</translation>
    </message>
    <message>
        <source>choose a metric</source>
        <translation>wählen Sie eine Messgröße</translation>
    </message>
    <message>
        <source>Advance payments, row {row}</source>
        <translation>Abschläge, Zeile {row}</translation>
    </message>
    <message>
        <source>“{text}” is not a number</source>
        <translation>„{text}“ ist keine Zahl</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>ist leer</translation>
    </message>
    <message>
        <source>Gas (m³)   </source>
        <translation>Gas (m³)   </translation>
    </message>
    <message>
        <source>Z-number </source>
        <translation>Zustandszahl </translation>
    </message>
    <message>
        <source>Add &amp;factor</source>
        <translation>&amp;Faktor hinzufügen</translation>
    </message>
    <message>
        <source>Remove factor</source>
        <translation>Faktor entfernen</translation>
    </message>
    <message>
        <source>Conversion factors</source>
        <translation>Umrechnungsfaktoren</translation>
    </message>
    <message>
        <source>Add ad&amp;vance</source>
        <translation>A&amp;bschlag hinzufügen</translation>
    </message>
    <message>
        <source>Remove advance</source>
        <translation>Abschlag entfernen</translation>
    </message>
    <message>
        <source>Advance payments</source>
        <translation>Abschläge</translation>
    </message>
    <message>
        <source>Add a counter or interval metric first.</source>
        <translation>Fügen Sie zuerst einen Zählerstand oder ein Intervall hinzu.</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Home Log — unexpected error</source>
        <translation>Home Log – unerwarteter Fehler</translation>
    </message>
    <message>
        <source>Something went wrong that Home Log did not expect.</source>
        <translation>Etwas ist schiefgegangen, womit Home Log nicht gerechnet hat.</translation>
    </message>
    <message>
        <source>Your data is safe: the change in progress was not saved. If this keeps happening, please report it with the details below.</source>
        <translation>Ihre Daten sind sicher: Die laufende Änderung wurde nicht gespeichert. Wenn das öfter passiert, melden Sie es bitte mit den Details unten.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Details kopieren</translation>
    </message>
</context>
<context>
    <name>ExportProgress</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export readings</source>
        <translation>Ablesungen exportieren</translation>
    </message>
</context>
<context>
    <name>Exporting</name>
    <message>
        <source>CSV file (*.csv)</source>
        <extracomment>The save dialog&apos;s filters; the first is the default.</extracomment>
        <translation>CSV-Datei (*.csv)</translation>
    </message>
    <message>
        <source>JSON file (*.json)</source>
        <translation>JSON-Datei (*.json)</translation>
    </message>
    <message>
        <source>every source</source>
        <extracomment>What the progress dialog names when every source is exported (through ``translate``).</extracomment>
        <translation>alle Messstellen</translation>
    </message>
    <message>
        <source>Export the readings of “{name}”</source>
        <extracomment>The file name proposed for an export of every source. Milliseconds an export runs before its progress dialog appears (small sources finish before).</extracomment>
        <translation>Die Ablesungen von „{name}“ exportieren</translation>
    </message>
    <message>
        <source>Export every source</source>
        <translation>Alle Messstellen exportieren</translation>
    </message>
    <message>
        <source>Exporting the readings of {name} to {file}…</source>
        <translation>Die Ablesungen von {name} werden nach {file} exportiert…</translation>
    </message>
    <message>
        <source>Exporting the readings of {name}… {done} of {total}</source>
        <translation>Die Ablesungen von {name} werden exportiert… {done} von {total}</translation>
    </message>
    <message>
        <source>{count} sources</source>
        <translation>{count} Messstellen</translation>
    </message>
    <message>
        <source> (virtual meters left out: {names})</source>
        <translation> (virtuelle Zähler ausgelassen: {names})</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln reading(s) of {of} to {place}</source>
        <translation>
            <numerusform>%Ln Ablesung von {of} nach {place} exportiert</numerusform>
            <numerusform>%Ln Ablesungen von {of} nach {place} exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>the output</source>
        <translation>die Ausgabe</translation>
    </message>
    <message>
        <source>There is no source to export.</source>
        <extracomment>(rows written, rows in all), at most every 100 ms. ExportResult of a completed export. The user cancelled; no file was written.</extracomment>
        <translation>Es gibt keine Messstelle zum Exportieren.</translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}.</source>
        <translation>{path} kann nicht geschrieben werden: {reason}.</translation>
    </message>
    <message>
        <source>Cannot read the readings for the export: {exc}</source>
        <extracomment>Most rows per chunk (SQLite; PostgreSQL has its own, smaller limit). Readings fetched per step by the export&apos;s reader. First key of the PostgreSQL advisory locks taken here (&quot;hl&quot; + 1: imports into a source, + 2: source names). file column -&gt; value per row (None: not read). Rows to store when a time occurs twice in the chunk (None: all of them). Per row, the start of its period (epoch seconds), stored with the values of interval columns only (``ts`` is the period&apos;s end). None (for the chunk or a row): since the previous value of the metric, see ``fill_interval_starts``. File column -&gt; its own period start per row (overrides ``starts`` for that column). Per row, the reading&apos;s flags (None: not estimated, not from a bill): a standard format&apos;s quality flag, or Home Log&apos;s own export. Per row, the member who entered the reading (None for a row: nobody), replacing the writer&apos;s ``entered_by`` (None for the chunk: every row is the writer&apos;s). The caller decides whether the signed-in member may name others. Times of the rows skipped for the time of a stored reading (or one written before by this writer). Most rows per chunk. Whether the next chunk may be read (in a worker) while this writer stores one: true where the storing is the server&apos;s work, not this process&apos;s. The ids this writer gave its readings, as inclusive runs (lo, hi): on PostgreSQL another program&apos;s reading may take an id between two of ours, so the first id alone does not say. (first, last) time of the source&apos;s stored readings; None when it has none. (first, last) time of each chunk written, merged as they touch. The member who enters the rows (None: nobody signed in). metric id -&gt; time of its last value written, while the rows come in time order after everything stored (interval values without a start then run since it). Most stored readings replaced whose rows are kept (None: none are kept, the usual case). The stored rows replaced (readings, their values and meter changes, by table and key), as they were: what undoing the import puts back. None: not kept (not asked, or too many). The columns of a chunk&apos;s parameter tuples (``_parameters``). asyncpg encodes COPY&apos;s rows on the event loop&apos;s thread: small chunks keep each call short. While COPY waits for the server, the GIL is free: reading the next chunk meanwhile overlaps the client&apos;s parsing with the server&apos;s inserting (sqlite3, in contrast, holds the GIL per row). Measured (300,000 rows): 84 % of an import&apos;s time is the server&apos;s COPY, the same work as ``psql copy``. Migration 0008&apos;s notify triggers (BEFORE ROW, skipped by a WHEN clause after a transaction&apos;s first row per table and source) are not the cost: the server&apos;s CPU for a COPY was 5.0-5.5 s with them, 5.4-6.0 s without any, 6.0-6.7 s with statement-level triggers reading a transition table instead (200,000 readings, 400,000 values; five rounds).</extracomment>
        <translation>Die Ablesungen für den Export lassen sich nicht lesen: {exc}</translation>
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <extracomment>Characters that make a spreadsheet read a cell as a formula (OWASP&apos;s list), with their fullwidth forms, which spreadsheets in East Asian locales read as the ASCII ones. Blanks a spreadsheet may skip before a formula character (&quot; =1+1&quot; can run as =1+1). Readings fetched and written per step. Seconds between two progress reports. The value of the JSON document&apos;s &quot;format&quot; key, and the version written. The CSV&apos;s columns after ``note``: the reading&apos;s flags (``yes`` or empty) and its author&apos;s name. How a set flag is written in CSV.</extracomment>
        <translation>Export abgebrochen: Es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <source>A CSV file holds the readings of one source: export several sources as JSON.</source>
        <extracomment>progress(rows written, rows in all); called on the event loop&apos;s thread. The file written, or None when written to a stream. How many sources the file holds (``source`` is the first). Virtual meters left out of an export of several sources (they have no readings of their own).</extracomment>
        <translation>Eine CSV-Datei enthält die Ablesungen einer Messstelle: Exportieren Sie mehrere Messstellen als JSON.</translation>
    </message>
    <message>
        <source>Only virtual meters were chosen: export each one on its own.</source>
        <translation>Es wurden nur virtuelle Zähler gewählt: Exportieren Sie jeden einzeln.</translation>
    </message>
</context>
<context>
    <name>Figures</name>
    <message>
        <source>ddd d MMM yyyy</source>
        <comment>date format: a report&apos;s day</comment>
        <extracomment>Shown where a figure is unknown.</extracomment>
        <translation>ddd, d. MMM yyyy</translation>
    </message>
    <message>
        <source>W%1 %2</source>
        <translation>KW %1 %2</translation>
    </message>
    <message>
        <source>Q%1 %2</source>
        <translation>Q%1 %2</translation>
    </message>
    <message>
        <source>d MMM</source>
        <comment>date format: day and short month</comment>
        <translation>d. MMM</translation>
    </message>
    <message>
        <source>%1’s seasons, scaled to this year</source>
        <translation>Saisonverlauf %1, auf dieses Jahr skaliert</translation>
    </message>
    <message>
        <source>%1’s seasons × %2 (this year vs last)</source>
        <translation>Saisonverlauf %1 × %2 (dieses Jahr zum Vorjahr)</translation>
    </message>
    <message>
        <source>recent daily rate × 365</source>
        <translation>aktueller Tagesverbrauch × 365</translation>
    </message>
    <message>
        <source>%1 so far, plus the rest of the year as %2 had it, scaled by how %1 compares with %2 so far.</source>
        <translation>%1 bisher, dazu der Rest des Jahres wie in %2, skaliert mit dem bisherigen Verhältnis von %1 zu %2.</translation>
    </message>
    <message>
        <source>The daily rate of the last 90 days of readings × 365 (a year of history gives a seasonal projection).</source>
        <translation>Der Tagesverbrauch der letzten 90 Tage mit Ablesungen × 365 (ab einem Jahr Verlauf gibt es eine saisonale Hochrechnung).</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>How the file is read</source>
        <translation>Wie die Datei gelesen wird</translation>
    </message>
    <message>
        <source>Home Log looked at the file; correct anything it got wrong.</source>
        <translation>Home Log hat die Datei untersucht; korrigieren Sie, was falsch erkannt wurde.</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Lese die Datei…</translation>
    </message>
    <message>
        <source>No header row</source>
        <translation>Keine Kopfzeile</translation>
    </message>
    <message>
        <source>line </source>
        <translation>Zeile </translation>
    </message>
    <message>
        <source>Worksheet:</source>
        <translation>Tabellenblatt:</translation>
    </message>
    <message>
        <source>A supplier&apos;s or portal&apos;s export layout, recognised by its column names</source>
        <translation>Das Exportformat eines Versorgers oder Portals, erkannt an seinen Spaltennamen</translation>
    </message>
    <message>
        <source>Text encoding:</source>
        <translation>Zeichenkodierung:</translation>
    </message>
    <message>
        <source>Columns separated by:</source>
        <translation>Spaltentrenner:</translation>
    </message>
    <message>
        <source>Decimal separator:</source>
        <translation>Dezimaltrennzeichen:</translation>
    </message>
    <message>
        <source>Thousands separator:</source>
        <translation>Tausendertrennzeichen:</translation>
    </message>
    <message>
        <source>Column names in:</source>
        <translation>Spaltennamen in:</translation>
    </message>
    <message>
        <source>Date column:</source>
        <translation>Datumsspalte:</translation>
    </message>
    <message>
        <source>Time column:</source>
        <translation>Zeitspalte:</translation>
    </message>
    <message>
        <source>Dates look like:</source>
        <translation>Datumsformat:</translation>
    </message>
    <message>
        <source>The first rows of the file</source>
        <translation>Die ersten Zeilen der Datei</translation>
    </message>
    <message>
        <source>The first rows of the file:</source>
        <translation>Die ersten Zeilen der Datei:</translation>
    </message>
    <message>
        <source>Supplier profile:</source>
        <translation>Versorgerprofil:</translation>
    </message>
    <message>
        <source>Excel workbook</source>
        <translation>Excel-Arbeitsmappe</translation>
    </message>
    <message>
        <source>Text file</source>
        <translation>Textdatei</translation>
    </message>
    <message>
        <source>The settings and columns of your last import of a file like this one were applied.</source>
        <translation>Die Einstellungen und Spalten Ihres letzten Imports einer solchen Datei wurden übernommen.</translation>
    </message>
    <message>
        <source>(choose the date column)</source>
        <translation>(Datumsspalte wählen)</translation>
    </message>
    <message>
        <source>(none: in the date column)</source>
        <translation>(keine: in der Datumsspalte)</translation>
    </message>
    <message>
        <source>(choose: day or month first)</source>
        <translation>(wählen: Tag oder Monat zuerst)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Which comes first in these dates, the day or the month?&lt;/b&gt;&lt;br&gt;Every day in the file is 12 or less, so both readings are possible.</source>
        <translation>&lt;b&gt;Was steht in diesen Daten zuerst, der Tag oder der Monat?&lt;/b&gt;&lt;br&gt;Jeder Tag in der Datei ist 12 oder kleiner, daher sind beide Lesarten möglich.</translation>
    </message>
</context>
<context>
    <name>HomeLogPage</name>
    <message>
        <source>A Home Log export</source>
        <translation>Ein Home-Log-Export</translation>
    </message>
    <message>
        <source>The file holds whole sources: their metrics, tariffs, meter changes and readings.</source>
        <translation>Die Datei enthält ganze Messstellen: ihre Messgrößen, Tarife, Zählerwechsel und Ablesungen.</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Die Datei wird gelesen…</translation>
    </message>
    <message>
        <source>Keep a stored reading and skip the file&apos;s reading of the same time</source>
        <translation>Gespeicherte Ablesung behalten, die der Datei zur selben Zeit überspringen</translation>
    </message>
    <message>
        <source>Replace a stored reading with the file&apos;s reading of the same time</source>
        <translation>Gespeicherte Ablesung durch die der Datei zur selben Zeit ersetzen</translation>
    </message>
    <message>
        <source>Authors are matched to this household&apos;s members by name; a reading whose author is no member here is imported without one, and the summary names them. Everything is stored in one step: if anything goes wrong, or you cancel, nothing is stored.</source>
        <translation>Urheber werden den Mitgliedern dieses Haushalts über den Namen zugeordnet; eine Ablesung, deren Urheber hier kein Mitglied ist, wird ohne Urheber importiert, und die Zusammenfassung nennt sie. Alles wird in einem Schritt gespeichert: Geht etwas schief oder brechen Sie ab, wird nichts gespeichert.</translation>
    </message>
    <message>
        <source>Readings that are there already:</source>
        <translation>Bereits vorhandene Ablesungen:</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>{file} holds:</source>
        <translation>{file} enthält:</translation>
    </message>
</context>
<context>
    <name>ImportConvert</name>
    <message>
        <source>choose the column that holds the date</source>
        <extracomment>Largest file searched for later blocks (a supplier&apos;s statement of several blocks is far smaller; a ten-year export of 35 MB is one table, and searching it would only slow its detection down). Most blocks read from one file. Rows of a later block read to find out how it is written. 1-based line of the block&apos;s header. Lines that are the block&apos;s layout, not data: its header and the title lines just above it. The block&apos;s value columns (in its own rows) and the columns they become (after the file&apos;s width). The block&apos;s title (``Gas``), &quot;&quot; when it has none. Lines that start with something else than a digit (after blanks and quotes): headers, titles, totals. More such lines than this: no file of blocks (a table whose dates are not in its first column, or with a note per row); the search stops.
----------
How the flag columns of an export (``estimated``, ``from bill``) may say yes and no. Spreadsheet error values: a formula that could not be computed holds no value. record index -&gt; column -&gt; message (the date column for timestamp problems). Records with no value in any mapped column (skipped and reported). column -&gt; most decimals a value of it needs (columns of metrics the import creates). Per record, the start of its period for interval values (``ts`` is the end); None for the whole chunk, or for a record, means &quot;since the previous value&quot; (see ``ImportSettings``). Value column -&gt; the start of each record&apos;s period for that column alone (``start_columns``). record index -&gt; column -&gt; the cell&apos;s text, for cells that mean &quot;no value&quot; (NaN, -, n/a, a word) in rows that are stored: those cells are missing values, listed in the summary. record index -&gt; the text that shows it is no reading (a total, a banner, a repeated header). Home Log&apos;s own export: per record its flags and its author&apos;s name (&quot;&quot;: nobody); None without those columns.</extracomment>
        <translation>wählen Sie die Spalte, die das Datum enthält</translation>
    </message>
    <message>
        <source>no column is mapped to a metric: choose at least one</source>
        <extracomment>A long file&apos;s register column: the daylight-saving order is followed per register. A column stating each row&apos;s zone: its offset is added to the row&apos;s time.</extracomment>
        <translation>keine Spalte ist einer Messgröße zugeordnet: wählen Sie mindestens eine</translation>
    </message>
    <message>
        <source>a date cell that holds a whole period (start to end) needs no time column</source>
        <extracomment>The date cells hold both ends of their period (``start to end``): the period column is the date&apos;s.</extracomment>
        <translation>eine Datumszelle, die einen ganzen Zeitraum (Anfang bis Ende) enthält, braucht keine Uhrzeitspalte</translation>
    </message>
    <message>
        <source>the period&apos;s other end must be another column than the date</source>
        <translation>das andere Ende des Zeitraums muss in einer anderen Spalte stehen als das Datum</translation>
    </message>
    <message>
        <source>the length of a period must be more than zero</source>
        <translation>die Länge eines Zeitraums muss größer als null sein</translation>
    </message>
    <message>
        <source>“{text}” is neither yes nor empty</source>
        <extracomment>The period&apos;s length (START without a column: found from the first chunk&apos;s steps).</extracomment>
        <translation>„{text}“ ist weder „ja“ noch leer</translation>
    </message>
    <message>
        <source>“{text}” is not a period such as “2024-01-01 00:00 to 2024-01-01 00:15”</source>
        <translation>„{text}“ ist kein Zeitraum wie „2024-01-01 00:00 to 2024-01-01 00:15“</translation>
    </message>
    <message>
        <source>the length of each period cannot be told from the times of the rows: give it</source>
        <translation>die Länge der Zeiträume lässt sich aus den Zeiten der Zeilen nicht ablesen: geben Sie sie an</translation>
    </message>
    <message>
        <source>“{text}” is not a time zone</source>
        <translation>„{text}“ ist keine Zeitzone</translation>
    </message>
    <message>
        <source>the period does not end after it starts</source>
        <translation>der Zeitraum endet nicht nach seinem Beginn</translation>
    </message>
    <message>
        <source>{time} is a leap second, which cannot be stored: write the second before it (:59) instead</source>
        <extracomment>Readings outside these years are refused (a typo, or not a date at all). Cells that exports write for &quot;no value&quot;: read as empty (a missing value, never zero). NaN is not one of them: it is refused, since it may hide a broken formula. Digit grouping that is always accepted (spaces, no-break spaces, apostrophes). A time of day after a date, or alone in its own column: 10:30, 10:30:15.5, 9.30, 10:30 PM, with an optional offset (Z, +01:00, +0100). A leap second (23:59:60) is a real time, but not one a computer clock (or Python) can hold.</extracomment>
        <translation>{time} ist eine Schaltsekunde, die sich nicht speichern lässt: schreiben Sie stattdessen die Sekunde davor (:59)</translation>
    </message>
    <message>
        <source>unknown time zone “{name}”</source>
        <translation>unbekannte Zeitzone „{name}“</translation>
    </message>
    <message>
        <source>{time} is not a time that can be stored</source>
        <translation>{time} ist kein Zeitpunkt, der sich speichern lässt</translation>
    </message>
    <message>
        <source>the year {year} is outside {first}–{last}</source>
        <translation>das Jahr {year} liegt außerhalb von {first}–{last}</translation>
    </message>
    <message>
        <source>{time} does not exist in {zone}: the clocks went forward that night (give the time with its UTC offset, or fix it)</source>
        <extracomment>(local date of a repeated hour, series) -&gt; (last time seen in it, whether the clock went back).</extracomment>
        <translation>{time} gibt es in {zone} nicht: In dieser Nacht wurden die Uhren vorgestellt (geben Sie die Zeit mit ihrem UTC-Versatz an oder korrigieren Sie sie)</translation>
    </message>
    <message>
        <source>this computer’s time zone</source>
        <translation>die Zeitzone dieses Computers</translation>
    </message>
    <message>
        <source>“{text}” is not a time zone offset</source>
        <translation>„{text}“ ist kein Zeitzonenversatz</translation>
    </message>
    <message>
        <source>{hour} is not an hour of a 12-hour clock</source>
        <translation>{hour} ist keine Stunde einer 12-Stunden-Uhr</translation>
    </message>
    <message>
        <source>24:00 is not a time of day (write 00:00 of the next day)</source>
        <translation>24:00 ist keine Uhrzeit (schreiben Sie 00:00 des nächsten Tages)</translation>
    </message>
    <message>
        <source>{time} is not a time of day</source>
        <translation>{time} ist keine Uhrzeit</translation>
    </message>
    <message>
        <source>“{text}” is not a time of day</source>
        <translation>„{text}“ ist keine Uhrzeit</translation>
    </message>
    <message>
        <source>“{format}” is not a date format this program reads ({code})</source>
        <translation>„{format}“ ist kein Datumsformat, das dieses Programm liest ({code})</translation>
    </message>
    <message>
        <source>“{format}” needs a day (%d), a month (%m) and a year (%Y or %y)</source>
        <translation>„{format}“ braucht einen Tag (%d), einen Monat (%m) und ein Jahr (%Y oder %y)</translation>
    </message>
    <message>
        <source>the date format is not chosen yet</source>
        <extracomment>(date cell, time cell or None, series key) -&gt; UTC epoch seconds.</extracomment>
        <translation>das Datumsformat ist noch nicht gewählt</translation>
    </message>
    <message>
        <source>an ISO 8601 date such as 2024-01-31</source>
        <translation>kein ISO-8601-Datum wie 2024-01-31</translation>
    </message>
    <message>
        <source>an Excel day number such as 45292</source>
        <translation>keine Excel-Tageszahl wie 45292</translation>
    </message>
    <message>
        <source>a date such as {example}</source>
        <translation>kein Datum wie {example}</translation>
    </message>
    <message>
        <source>“{text}” is not a valid date</source>
        <translation>„{text}“ ist kein gültiges Datum</translation>
    </message>
    <message>
        <source>the date is empty</source>
        <translation>das Datum ist leer</translation>
    </message>
    <message>
        <source>“{text}” is not {expected}</source>
        <translation>„{text}“ ist {expected}</translation>
    </message>
    <message>
        <source>“{text}” has a dot where the file uses a decimal comma (change the decimal separator?)</source>
        <translation>„{text}“ hat einen Punkt, wo die Datei ein Dezimalkomma verwendet (Dezimaltrennzeichen ändern?)</translation>
    </message>
    <message>
        <source>“{text}” has a comma where the file uses a decimal point (change the decimal separator?)</source>
        <translation>„{text}“ hat ein Komma, wo die Datei einen Dezimalpunkt verwendet (Dezimaltrennzeichen ändern?)</translation>
    </message>
    <message>
        <source>“{text}” is not a finite number</source>
        <translation>„{text}“ ist keine endliche Zahl</translation>
    </message>
    <message>
        <source>“{text}” is not a number</source>
        <translation>„{text}“ ist keine Zahl</translation>
    </message>
    <message>
        <source>choose the column that names the register, and the column of values</source>
        <extracomment>Most registers a long file may name (more distinct values: a free-text column, not registers). Header words of a column that names the register, channel, energy or meter (a hint when the sample alone cannot tell, say a file sorted by register whose first rows all belong to one).</extracomment>
        <translation>wählen Sie die Spalte, die das Zählwerk nennt, und die Spalte der Werte</translation>
    </message>
    <message>
        <source>{value} is too large to store</source>
        <extracomment>column -&gt; decimals its values need. Largest magnitude of a value, as a float. A value of a series as stored: (value, period start, estimated, line). The period start of each value (interval series only, else None). Most items one C call (a list&apos;s slice, ``set.update``, ``map``) takes in a worker: it holds the GIL throughout, and the event loop waits for it (a whole 350,000-value column took up to 100 ms).</extracomment>
        <translation>{value} ist zu groß zum Speichern</translation>
    </message>
    <message>
        <source>{file} holds no values to import</source>
        <translation>{file} enthält keine Werte zum Importieren</translation>
    </message>
    <message>
        <source>the metric “{metric}” of “{source}” is in {unit}, but the file&apos;s register “{register}” is in {file_unit}: import into another source</source>
        <translation>die Messgröße „{metric}“ von „{source}“ ist in {unit}, das Zählwerk „{register}“ der Datei aber in {file_unit}: importieren Sie in eine andere Messstelle</translation>
    </message>
    <message>
        <source>the metric “{metric}” of “{source}” is of the kind “{kind}”, but the file&apos;s register “{register}” holds values of the kind “{file_kind}”: import into another source</source>
        <translation>die Messgröße „{metric}“ von „{source}“ ist von der Art „{kind}“, das Zählwerk „{register}“ der Datei enthält aber Werte der Art „{file_kind}“: importieren Sie in eine andere Messstelle</translation>
    </message>
    <message>
        <source>a day row needs 24, 48 or 96 columns of amounts</source>
        <extracomment>Columns per day -&gt; seconds per period. A header naming an hour or a quarter of the day: 00:00, 0:15, 01:00-02:00, H1, Uur 1, 1, 96, 00u15.</extracomment>
        <translation>eine Tageszeile braucht 24, 48 oder 96 Spalten mit Mengen</translation>
    </message>
    <message>
        <source>{problem} (an IANA name such as Europe/Amsterdam or UTC)</source>
        <extracomment>Abbreviations exports write for a fixed offset from UTC (hours, minutes). ``UTC+1``, ``GMT-05:00``, or an offset with its minutes (``+01:00``, ``-0500``); never a bare signed number (``+1`` in a column of amounts is no zone). A zone named in a header: a word of its own (``Date/time UTC``, ``Zeit (MEZ)``, ``Start (UTC+01:00)``).</extracomment>
        <translation>{problem} (ein IANA-Name wie Europe/Berlin oder UTC)</translation>
    </message>
</context>
<context>
    <name>ImportDetect</name>
    <message>
        <source>Read with the profile “{name}”: {title}.</source>
        <translation>Gelesen mit dem Profil „{name}“: {title}.</translation>
    </message>
    <message>
        <source>Each row&apos;s time is the start of its period, since the first row is at midnight.</source>
        <translation>Die Zeit jeder Zeile ist der Beginn ihres Zeitraums, da die erste Zeile um Mitternacht liegt.</translation>
    </message>
    <message>
        <source>Each row&apos;s time is the end of its period, since the first row is at midnight.</source>
        <translation>Die Zeit jeder Zeile ist das Ende ihres Zeitraums, da die erste Zeile um Mitternacht liegt.</translation>
    </message>
    <message>
        <source>the file has no column “{name}”, which the profile “{profile}” reads</source>
        <translation>die Datei hat keine Spalte „{name}“, die das Profil „{profile}“ liest</translation>
    </message>
    <message>
        <source>Every day in the sample is 12 or less: choose whether dates are day-first or month-first.</source>
        <extracomment>Rows kept in ``Detected.sample_rows``. Most columns a file may have (a meter export has a few; a header of 100,000 is not a table of readings). Header words of a date or time column (several languages), for Excel day numbers. Excel&apos;s first line naming the separator: ``sep=;``. Numbers grouped in thousands with a decimal part, in either convention (``1.893,469`` / ``1,893.469``): one anywhere in the file decides its separators, as far down as line 368 or beyond. Bytes of the file read at a time when its whole text is searched for grouped numbers. The note on dates that could be day-first or month-first (a supplier&apos;s profile that knows them drops it).</extracomment>
        <translation>Jeder Tag in der Stichprobe ist 12 oder kleiner: Wählen Sie, ob die Daten mit dem Tag oder mit dem Monat beginnen.</translation>
    </message>
    <message>
        <source>{file} is empty</source>
        <extracomment>``detect``&apos;s ``register_column`` default: find out whether the file is a long one.</extracomment>
        <translation>{file} ist leer</translation>
    </message>
    <message>
        <source>The block at line {line} writes its dates otherwise than the first: read as it is.</source>
        <translation>Der Block in Zeile {line} schreibt seine Daten anders als der erste: so gelesen, wie er ist.</translation>
    </message>
    <message>
        <source>line {line} ({title})</source>
        <translation>Zeile {line} ({title})</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>Zeile {line}</translation>
    </message>
    <message numerus="yes">
        <source>The file holds %n blocks, each with its own header: more at {lines}.</source>
        <translation>
            <numerusform>Die Datei enthält %n Block mit eigener Kopfzeile: weitere ab {lines}.</numerusform>
            <numerusform>Die Datei enthält %n Blöcke mit je eigener Kopfzeile: weitere ab {lines}.</numerusform>
        </translation>
    </message>
    <message>
        <source>One row per day with {count} columns of amounts: each becomes an amount over its own {minutes} minutes, from “{first}” to “{last}”.</source>
        <translation>Eine Zeile pro Tag mit {count} Spalten von Mengen: Jede wird eine Menge über ihre eigenen {minutes} Minuten, von „{first}“ bis „{last}“.</translation>
    </message>
    <message>
        <source>the file has no column “{name}” (columns: {columns})</source>
        <translation>die Datei hat keine Spalte „{name}“ (Spalten: {columns})</translation>
    </message>
    <message>
        <source>“{name}” names the registers, but no other column holds numbers</source>
        <translation>„{name}“ nennt die Zählwerke, aber keine andere Spalte enthält Zahlen</translation>
    </message>
    <message>
        <source>the column “{name}” names no registers (or more than 100 different ones)</source>
        <translation>die Spalte „{name}“ nennt keine Zählwerke (oder mehr als 100 verschiedene)</translation>
    </message>
    <message numerus="yes">
        <source>{names} and %n more</source>
        <translation>
            <numerusform>{names} und %n weitere</numerusform>
            <numerusform>{names} und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>One row per register: the column “{name}” names %n ({names}); each becomes its own metric.</source>
        <translation>
            <numerusform>Eine Zeile pro Zählwerk: Die Spalte „{name}“ nennt %n ({names}); jedes wird eine eigene Messgröße.</numerusform>
            <numerusform>Eine Zeile pro Zählwerk: Die Spalte „{name}“ nennt %n ({names}); jedes wird eine eigene Messgröße.</numerusform>
        </translation>
    </message>
    <message>
        <source>Numbers grouped in thousands further down the file ({example}) decide the separators: decimal “{decimal}”, thousands “{thousands}”.</source>
        <translation>In Tausender gruppierte Zahlen weiter unten in der Datei ({example}) entscheiden die Trennzeichen: dezimal „{decimal}“, Tausender „{thousands}“.</translation>
    </message>
    <message>
        <source>{file} is not text in any encoding this program knows</source>
        <translation>{file} ist kein Text in einer Kodierung, die dieses Programm kennt</translation>
    </message>
    <message>
        <source>{file} does not look like a table (it holds binary data, not text)</source>
        <translation>{file} sieht nicht wie eine Tabelle aus (sie enthält Binärdaten, keinen Text)</translation>
    </message>
    <message>
        <source>The file is not UTF-8: read as Windows-1252 (Latin-1).</source>
        <translation>Die Datei ist nicht UTF-8: als Windows-1252 (Latin-1) gelesen.</translation>
    </message>
    <message>
        <source>The file says its separator: “sep={separator}” (Excel&apos;s first line).</source>
        <translation>Die Datei nennt ihr Trennzeichen: „sep={separator}“ (die erste Zeile von Excel).</translation>
    </message>
    <message>
        <source>a cell longer than {size} KiB starts here: a note this long cannot be imported (or a closing quote is missing)</source>
        <translation>hier beginnt eine Zelle von mehr als {size} KiB: eine so lange Notiz lässt sich nicht importieren (oder ein schließendes Anführungszeichen fehlt)</translation>
    </message>
    <message>
        <source>{file}: no columns found: a file needs a date column and a value column separated by commas, semicolons, tabs or |</source>
        <translation>{file}: keine Spalten gefunden: Eine Datei braucht eine Datumsspalte und eine Wertespalte, getrennt durch Kommas, Semikolons, Tabulatoren oder |</translation>
    </message>
    <message>
        <source>{file} has more than {count} columns on line {line}: Home Log imports files of at most {most} columns</source>
        <translation>{file} hat mehr als {count} Spalten in Zeile {line}: Home Log importiert Dateien mit höchstens {most} Spalten</translation>
    </message>
    <message>
        <source>{file}: line {line} is longer than {size} KiB: a cell this long (a huge note, or a quote that is never closed) cannot be imported</source>
        <translation>{file}: Zeile {line} ist länger als {size} KiB: Eine so lange Zelle (eine riesige Notiz oder ein nie geschlossenes Anführungszeichen) lässt sich nicht importieren</translation>
    </message>
    <message>
        <source>{file} holds no rows</source>
        <translation>{file} enthält keine Zeilen</translation>
    </message>
    <message>
        <source>{file}: no rows with a date and values were found at the start of the file</source>
        <translation>{file}: Am Anfang der Datei wurden keine Zeilen mit Datum und Werten gefunden</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) before the header was/were skipped.</source>
        <translation>
            <numerusform>%n Zeile vor der Kopfzeile wurde übersprungen.</numerusform>
            <numerusform>%n Zeilen vor der Kopfzeile wurden übersprungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>{file} has {count} columns: Home Log imports files of at most {most} columns</source>
        <translation>{file} hat {count} Spalten: Home Log importiert Dateien mit höchstens {most} Spalten</translation>
    </message>
    <message>
        <source>{file}: no column of dates was found (columns: {columns})</source>
        <translation>{file}: Es wurde keine Datumsspalte gefunden (Spalten: {columns})</translation>
    </message>
    <message>
        <source>Each row&apos;s time zone is in the column “{name}”.</source>
        <translation>Die Zeitzone jeder Zeile steht in der Spalte „{name}“.</translation>
    </message>
    <message>
        <source>Times are in {zone}, as the header of the time column says.</source>
        <translation>Die Zeiten sind in {zone}, wie die Kopfzeile der Zeitspalte sagt.</translation>
    </message>
    <message>
        <source>Numbers such as 1,234 were read with a decimal comma (change it if they are thousands).</source>
        <translation>Zahlen wie 1,234 wurden mit Dezimalkomma gelesen (ändern Sie es, wenn es Tausender sind).</translation>
    </message>
    <message>
        <source>Numbers such as 1.234 were read with a decimal point (change it if they are thousands).</source>
        <translation>Zahlen wie 1.234 wurden mit Dezimalpunkt gelesen (ändern Sie es, wenn es Tausender sind).</translation>
    </message>
    <message>
        <source>Each row is an amount over its own period, from “{start}” to “{end}”.</source>
        <extracomment>Regular steps that make a column of amounts per period (seconds): 5, 10, 15, 30 minutes, an hour, a day. Share of a sample&apos;s steps that must be the common one for the times to be &quot;regular&quot;. Fewest values a column needs before its values (not its header) may decide its kind. Both ends of a period in one cell: a date and time, a separator word or dash between spaces, a date and time. How the notes of period detection begin (detecting again replaces them).</extracomment>
        <translation>Jede Zeile ist eine Menge über ihren eigenen Zeitraum, von „{start}“ bis „{end}“.</translation>
    </message>
    <message>
        <source>Each cell of “{name}” holds a period (start to end): each row is an amount over it.</source>
        <translation>Jede Zelle von „{name}“ enthält einen Zeitraum (Anfang bis Ende): Jede Zeile ist eine Menge über ihn.</translation>
    </message>
    <message>
        <source>Amounts per {step} ({names}): each row&apos;s time is the start of its period, as the header says.</source>
        <extracomment>The note on amounts at regular times: (which end of its period a row&apos;s time is, whether the header says so).</extracomment>
        <translation>Mengen je {step} ({names}): Die Zeit jeder Zeile ist der Beginn ihres Zeitraums, wie die Kopfzeile sagt.</translation>
    </message>
    <message>
        <source>Amounts per {step} ({names}): each row&apos;s time is the end of its period, as the header says.</source>
        <translation>Mengen je {step} ({names}): Die Zeit jeder Zeile ist das Ende ihres Zeitraums, wie die Kopfzeile sagt.</translation>
    </message>
    <message>
        <source>Amounts per {step} ({names}): each row&apos;s time is the start of its period, since the first row is at midnight (if the times end their periods: choose “end”, or --time-is end).</source>
        <translation>Mengen je {step} ({names}): Die Zeit jeder Zeile ist der Beginn ihres Zeitraums, da die erste Zeile um Mitternacht liegt (wenn die Zeiten ihre Zeiträume beenden: wählen Sie „Ende“ bzw. --time-is end).</translation>
    </message>
    <message>
        <source>Amounts per {step} ({names}): each row&apos;s time is the end of its period, since the first row is not at midnight (if the times start their periods: choose “start”, or --time-is start).</source>
        <translation>Mengen je {step} ({names}): Die Zeit jeder Zeile ist das Ende ihres Zeitraums, da die erste Zeile nicht um Mitternacht liegt (wenn die Zeiten ihre Zeiträume beginnen: wählen Sie „Beginn“ bzw. --time-is start).</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation>5 Minuten</translation>
    </message>
    <message>
        <source>10 minutes</source>
        <translation>10 Minuten</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 Minuten</translation>
    </message>
    <message>
        <source>30 minutes</source>
        <translation>30 Minuten</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>Stunde</translation>
    </message>
    <message>
        <source>day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>“{name}”</source>
        <translation>„{name}“</translation>
    </message>
</context>
<context>
    <name>ImportFile</name>
    <message>
        <source>{name} cannot be read as a workbook ({exc})</source>
        <extracomment>The workbook kinds calamine reads (file suffixes, lower case). Rows converted at a time (column by column).</extracomment>
        <translation>{name} lässt sich nicht als Arbeitsmappe lesen ({exc})</translation>
    </message>
    <message>
        <source>the workbook has no sheet named “{sheet}”</source>
        <translation>die Arbeitsmappe hat kein Blatt namens „{sheet}“</translation>
    </message>
    <message>
        <source>{name} has no sheet</source>
        <translation>{name} hat kein Blatt</translation>
    </message>
    <message>
        <source>the sheet “{name}” cannot be read ({exc})</source>
        <translation>das Blatt „{name}“ lässt sich nicht lesen ({exc})</translation>
    </message>
    <message>
        <source>the sheet cannot be read near here ({exc})</source>
        <translation>das Blatt lässt sich hier nicht lesen ({exc})</translation>
    </message>
    <message>
        <source>line {line}, column “{column}”: {message}</source>
        <extracomment>``date_format`` of ISO 8601 timestamps (with or without seconds, &quot;T&quot;, time zone offset or &quot;Z&quot;). ``date_format`` of Excel serial day numbers (days since 1899-12-30, the fraction is the time of day). How many problems (invalid rows, skipped empty rows) a summary lists one by one; the counts are exact. The row&apos;s time is the end of its period (the default: a meter read at that moment). The row&apos;s time is the start of its period (``00:00`` holds 00:00-00:15). Worksheet of a workbook (None: the first one); unused for CSV. Whether the date column&apos;s time is the END (default) or the START of each row&apos;s period. A column holding the period&apos;s other end (its start when ``time_is`` is END, its end when START), read like the date column (a date and time in one cell); None: no such column. The date column itself: its cells hold both ends (``start to end``). (value column, start column) pairs: the values of that column each have their own period start in the start column (Home Log&apos;s export writes ``Day start`` after an interval metric ``Day``; ``start_columns_of`` finds them). They override the rules above for that column. Home Log&apos;s own CSV export (``own_columns_of``): the columns of each reading&apos;s flags (``yes`` or empty) and of the name of the member who entered it. None: not in the file. The period&apos;s length in seconds when there is no ``period_column`` (900 for 15 minutes; a whole number of days counts local calendar days). None: with END, each amount runs &quot;since the previous value&quot; of its metric; with START, the most common step between rows&apos; times. The later blocks of a file of several (``blocks.Block``: an electricity block, then a gas block, each with its own header); their values go to columns after ``block_base`` (the file&apos;s width). A day per row: the 24, 48 or 96 columns of hour, half-hour or quarter-hour amounts, in order (``dayrows``); each row becomes a record per amount: its cells up to ``day_base``, the time its period starts, the amount. () for any other table. The file&apos;s width: a day row&apos;s record holds its period&apos;s start at ``day_base`` and its amount after it. A column stating each row&apos;s time zone (``CET``/``CEST``, ``+01:00``): exact, whatever the order. A &quot;long&quot; file (one row per register, channel or meter): the column naming each row&apos;s register (``Afname Dag``, ``Gas``, or a unit such as ``m³``); None for a table with a column per register. The column naming each row&apos;s unit (``kWh``, ``m³``), if the file has one. The registers the register column names, in the order they first appear in the whole file. The columns of a long file that hold the values (each row&apos;s value belongs to its register). The first of the columns made for the registers (the file&apos;s width): column ``register_base + k * len(value_columns) + j`` holds register k&apos;s value from value column j. Settings that describe one file&apos;s own layout (its registers, blocks and day columns, found in the whole file): a saved profile never keeps them, and a file read with a profile takes them from its own detection. &quot;csv&quot;, or a workbook: &quot;xlsx&quot;, &quot;xlsm&quot;, &quot;xlsb&quot;, &quot;xls&quot;, &quot;ods&quot;. Column names (from the header row, or &quot;Column 1&quot;, &quot;Column 2&quot;... without one). Candidate date formats when the sample cannot tell day-first from month-first (settings.date_format is then None and the user, or ``--date-format``, must choose); empty otherwise. Indexes of the columns whose sample cells are mostly numbers (and not the date/time columns). Most decimals seen per numeric column in the sample. The first data rows as text, cells as in the file. File size in bytes. Remarks for the user (&quot;3 lines before the header were skipped&quot;, &quot;decimal comma assumed&quot;...). Worksheets of a workbook. A long file&apos;s register -&gt; its unit (from the unit column, the register itself, or the value column&apos;s header), for the registers of ``settings.registers``. Each value column&apos;s kind as the headers and the sample suggest (``periods.with_periods``): a counter, an amount per period (interval) or a gauge; new metrics start with it. Values of a metric: an existing one (``metric.id`` set) or one created by the import (id None). The reading&apos;s note. For METRIC: the metric (id None: created by the import, with this name, unit, kind and decimals; a created metric&apos;s decimals grow to what its values need, up to MAX_DECIMALS). Skip (and report) invalid rows instead of refusing the whole file. &quot;csv&quot;, or a workbook: &quot;xlsx&quot;, &quot;xlsm&quot;, &quot;xlsb&quot;, &quot;xls&quot;, &quot;ods&quot;.(``Detected.kind``). The column names (``Detected.columns``), for messages; read from the header row when empty. A new source (id None) whose name another import took meanwhile is imported into when it has the metrics wanted (``homelog import --create``: &quot;create it if it does not exist&quot;), instead of refusing the import. No value in any mapped column: skipped and reported. Same timestamp as an earlier row of the file. Not a reading at all (a total line, a banner, a repeated header): skipped and reported. UTC, or None when the timestamp could not be read. For interval values: the period&apos;s end. column index -&gt; value (None: the cell is empty, a missing value). A problem of the row as a whole (no value, duplicate, not a reading), if any. UTC start of the row&apos;s period for its interval values (None: since the previous value, or not known). column index -&gt; why its cell is left empty (it holds no value: NaN, -, n/a, a word); the row is kept. &quot;starting&quot; (waiting for the database&apos;s write lock), &quot;reading&quot; while rows are read and stored (after every chunk and at least every 200 ms), &quot;committing&quot; at the end. Lines of the rows skipped for the time of a stored or earlier reading (the first MAX_LISTED). Lines of the rows skipped for having no value (the first MAX_LISTED). Invalid rows skipped (with skip_invalid), the first MAX_LISTED. Columns of the file that were not imported. Cells of stored rows that mean &quot;no value&quot; (NaN, -, n/a, a word such as kwh): left empty, the row&apos;s other values stored. The first MAX_LISTED, and how many there were. Rows among the data that are no reading (a total line, a banner, a repeated header): skipped. Authors named by the file who are no members of the database: their readings were kept without an author. The file named authors, but the signed-in member (not the administrator) may only enter readings as themselves: every reading is theirs. The first id the import&apos;s readings took (each stored reading has this one or a higher one): what undoing the import removes. None: nothing was written. The ids of the readings this import stored, as inclusive runs (lo, hi) (what undo removes). The stored rows it replaced, as they were (table -&gt; key -&gt; row: readings, their values and meter changes), kept for an undo to put back when asked (``run_import(undoable=True)``); None: not kept (not asked, or more than domain/undo.py&apos;s MAX_UNDO_REPLACED readings). Why the import cannot be undone, when it cannot (&quot;&quot;: it can, or undo was not asked about). The ids of the metrics it created (with the source, or added to a stored one). What undoing it removes (its readings, and the source or metrics it created), when undo was asked about (``undoable``); None otherwise. Characters a terminal or a text field would act on instead of showing: C0 and C1 controls (escape sequences, bells, line breaks), DEL, and the bidirectional overrides that reorder what is shown.</extracomment>
        <translation>Zeile {line}, Spalte „{column}“: {message}</translation>
    </message>
    <message>
        <source>line {line}: {message}</source>
        <translation>Zeile {line}: {message}</translation>
    </message>
    <message>
        <source>“{text}” is no value: left empty</source>
        <translation>„{text}“ ist kein Wert: leer gelassen</translation>
    </message>
    <message>
        <source>cannot open {file}: {reason}</source>
        <translation>{file} lässt sich nicht öffnen: {reason}</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was changed.</source>
        <translation>Import abgebrochen; nichts wurde geändert.</translation>
    </message>
    <message>
        <source>{file} is a ZIP archive, not a table (save it as CSV, .xlsx or .ods)</source>
        <extracomment>A record (a quoted cell with line breaks) over more lines than this is refused: a quote that is never closed turns every following row into one cell. The kinds of workbook ``file_kind`` tells apart (read by python-calamine).</extracomment>
        <translation>{file} ist ein ZIP-Archiv, keine Tabelle (speichern Sie sie als CSV, .xlsx oder .ods)</translation>
    </message>
    <message>
        <source>{file} cannot be read safely: its part {part} would unpack to {size} MB ({ratio} times its packed size); save the workbook again, or as CSV</source>
        <extracomment>Largest unpacked size of a worksheet, of the shared strings (held in memory whole) and of any other part of an .xlsx file; and the largest packing ratio of a part over ZIP_RATIO_FROM bytes. A real workbook&apos;s XML packs 5-20 times; a &quot;zip bomb&quot; packs gigabytes of nothing a thousand times. How much of each XML part is searched for a DTD (it can only come before the root element).</extracomment>
        <translation>{file} lässt sich nicht sicher lesen: Ihr Teil {part} würde auf {size} MB entpackt ({ratio}-mal seine gepackte Größe); speichern Sie die Arbeitsmappe neu oder als CSV</translation>
    </message>
    <message>
        <source>{file} cannot be read safely: its part {part} declares XML entities, which workbooks never do (an “XML bomb”); save it again, or as CSV</source>
        <translation>{file} lässt sich nicht sicher lesen: Ihr Teil {part} deklariert XML-Entitäten, was Arbeitsmappen nie tun (eine „XML-Bombe“); speichern Sie sie neu oder als CSV</translation>
    </message>
    <message>
        <source>{file} cannot be read as an .xlsx workbook ({reason})</source>
        <translation>{file} lässt sich nicht als .xlsx-Arbeitsmappe lesen ({reason})</translation>
    </message>
    <message>
        <source>unknown text encoding “{encoding}”</source>
        <translation>unbekannte Textkodierung „{encoding}“</translation>
    </message>
    <message>
        <source>the file is not valid {encoding} text here (choose another encoding)</source>
        <translation>die Datei ist hier kein gültiger {encoding}-Text (wählen Sie eine andere Kodierung)</translation>
    </message>
    <message>
        <source>a quoted cell runs from here to line {line}: a closing quote (&quot;) is probably missing</source>
        <translation>eine Zelle in Anführungszeichen reicht von hier bis Zeile {line}: Wahrscheinlich fehlt ein schließendes Anführungszeichen (&quot;)</translation>
    </message>
    <message>
        <source>a cell longer than {size} KiB starts here (it runs past line {line}): a closing quote (&quot;) is probably missing</source>
        <translation>hier beginnt eine Zelle von mehr als {size} KiB (sie reicht über Zeile {line} hinaus): Wahrscheinlich fehlt ein schließendes Anführungszeichen (&quot;)</translation>
    </message>
    <message>
        <source>the file cannot be read as CSV here ({reason})</source>
        <translation>die Datei lässt sich hier nicht als CSV lesen ({reason})</translation>
    </message>
</context>
<context>
    <name>ImportFormats</name>
    <message>
        <source>AEMO NEM12 interval data</source>
        <translation>AEMO-NEM12-Intervalldaten</translation>
    </message>
    <message>
        <source>AEMO NEM13 accumulated meter readings</source>
        <translation>AEMO-NEM13-Zählerstände</translation>
    </message>
    <message>
        <source>Green Button (ESPI) XML</source>
        <translation>Green Button (ESPI), XML</translation>
    </message>
    <message>
        <source>Home Assistant long-term statistics</source>
        <translation>Home-Assistant-Langzeitstatistik</translation>
    </message>
    <message>
        <source>DSMR-reader statistics export</source>
        <translation>DSMR-reader-Statistikexport</translation>
    </message>
    <message>
        <source>a record after the 900 end record</source>
        <extracomment>NEM market time: Australian Eastern Standard Time all year. The day&apos;s first moment, in epoch seconds.</extracomment>
        <translation>ein Datensatz nach dem Enddatensatz 900</translation>
    </message>
    <message>
        <source>a second 100 header record</source>
        <translation>ein zweiter Kopfdatensatz 100</translation>
    </message>
    <message>
        <source>{name}: the 100 header names “{version}”, not NEM12 or NEM13</source>
        <translation>{name}: Der 100-Kopfsatz nennt „{version}“, nicht NEM12 oder NEM13</translation>
    </message>
    <message>
        <source>file from {sender} to {receiver}</source>
        <translation>Datei von {sender} an {receiver}</translation>
    </message>
    <message>
        <source>file from {sender}</source>
        <translation>Datei von {sender}</translation>
    </message>
    <message>
        <source>the file has no 100 header record</source>
        <translation>die Datei hat keinen 100-Kopfsatz</translation>
    </message>
    <message>
        <source>a 300 interval record before any 200 NMI record</source>
        <translation>ein Intervalldatensatz 300 vor jedem NMI-Datensatz 200</translation>
    </message>
    <message>
        <source>a 400 interval event without a 300 record with quality V before it</source>
        <translation>ein Intervallereignis 400 ohne vorangehenden Datensatz 300 mit Qualität V</translation>
    </message>
    <message>
        <source>unknown record type “{record}”</source>
        <translation>unbekannter Satztyp „{record}“</translation>
    </message>
    <message>
        <source>{name} holds no NEM12 or NEM13 records</source>
        <translation>{name} enthält keine NEM12- oder NEM13-Sätze</translation>
    </message>
    <message>
        <source>the file has no 900 end record: it may have been cut short</source>
        <translation>die Datei hat keinen 900-Endsatz: Sie wurde vielleicht abgeschnitten</translation>
    </message>
    <message>
        <source>no previous register read</source>
        <translation>kein vorheriger Zählerstand</translation>
    </message>
    <message>
        <source>no current register read</source>
        <translation>kein aktueller Zählerstand</translation>
    </message>
    <message>
        <source>interval length “{length}” is not a number of minutes</source>
        <translation>Intervalllänge „{length}“ ist keine Anzahl Minuten</translation>
    </message>
    <message>
        <source>interval length {minutes} does not divide a day</source>
        <translation>Intervalllänge {minutes} teilt den Tag nicht</translation>
    </message>
    <message>
        <source>line {line}: unit “{uom}” is not a known unit; values kept without a unit</source>
        <translation>Zeile {line}: Einheit „{uom}“ ist keine bekannte Einheit; Werte ohne Einheit übernommen</translation>
    </message>
    <message>
        <source>the 300 record has {fields} fields after its date; {count} interval values and a quality method were expected ({minutes}-minute intervals)</source>
        <translation>der 300-Satz hat {fields} Felder nach seinem Datum; erwartet wurden {count} Intervallwerte und eine Qualitätsmethode ({minutes}-Minuten-Intervalle)</translation>
    </message>
    <message>
        <source>“{value}” is not an interval date (YYYYMMDD)</source>
        <translation>„{value}“ ist kein Intervalldatum (JJJJMMTT)</translation>
    </message>
    <message>
        <source>the 400 record&apos;s first or last interval is not a number</source>
        <translation>das erste oder letzte Intervall des Datensatzes 400 ist keine Zahl</translation>
    </message>
    <message>
        <source>the 400 record&apos;s intervals {first}–{last} are outside 1–{count}</source>
        <translation>die Intervalle {first}–{last} des 400-Satzes liegen außerhalb von 1–{count}</translation>
    </message>
    <message>
        <source>null data (quality N): the meter has no value for this interval</source>
        <translation>Nulldaten (Qualität N): der Zähler hat für dieses Intervall keinen Wert</translation>
    </message>
    <message>
        <source>quality V but no 400 record covers this interval</source>
        <translation>Qualität V, aber kein Datensatz 400 deckt dieses Intervall ab</translation>
    </message>
    <message>
        <source>“{cell}” is not a number</source>
        <translation>„{cell}“ ist keine Zahl</translation>
    </message>
    <message>
        <source>“{cell}” is not a finite number</source>
        <translation>„{cell}“ ist keine endliche Zahl</translation>
    </message>
    <message>
        <source>the previous read “{read}” at “{when}” is not a number and a time</source>
        <translation>der vorherige Stand „{read}“ um „{when}“ ist keine Zahl mit Zeitpunkt</translation>
    </message>
    <message>
        <source>the current read “{read}” at “{when}” is not a number and a time</source>
        <translation>der aktuelle Stand „{read}“ um „{when}“ ist keine Zahl mit Zeitpunkt</translation>
    </message>
    <message>
        <source>line {line}: quantity {quantity} differs from the reads&apos; difference {difference} (a meter multiplier or a rollover)</source>
        <translation>Zeile {line}: Menge {quantity} weicht von der Differenz der Stände {difference} ab (ein Zählerfaktor oder ein Überlauf)</translation>
    </message>
    <message>
        <source>{name} is larger than {size} MiB</source>
        <translation>{name} ist größer als {size} MiB</translation>
    </message>
    <message>
        <source>{filename} is not in a standard format (NEM12/13, Green Button, Home Assistant, DSMR-reader)</source>
        <translation>{filename} ist in keinem Standardformat (NEM12/13, Green Button, Home Assistant, DSMR-reader)</translation>
    </message>
    <message>
        <source>{filename} holds {count} files; one data file was expected</source>
        <translation>{filename} enthält {count} Dateien; erwartet wurde eine Datendatei</translation>
    </message>
    <message>
        <source>{filename}: {member} is larger than {size} MiB</source>
        <translation>{filename}: {member} ist größer als {size} MiB</translation>
    </message>
    <message>
        <source>{filename} is a damaged .zip archive ({exc})</source>
        <translation>{filename} ist ein beschädigtes .zip-Archiv ({exc})</translation>
    </message>
    <message>
        <source>document type declarations and entities are not allowed in ESPI files</source>
        <extracomment>ESPI UnitSymbolKind codes → (Home Log unit, whether amounts add up). Multipliers folded into the unit (10^3 Wh is kWh) instead of into every value.</extracomment>
        <translation>Dokumenttyp-Deklarationen und Entitäten sind in ESPI-Dateien nicht erlaubt</translation>
    </message>
    <message>
        <source>{name} is not well-formed XML ({reason})</source>
        <translation>{name} ist kein wohlgeformtes XML ({reason})</translation>
    </message>
    <message>
        <source>{name} holds no XML element</source>
        <translation>{name} enthält kein XML-Element</translation>
    </message>
    <message>
        <source>{name} is a .zip without an .xml file</source>
        <translation>{name} ist ein .zip ohne .xml-Datei</translation>
    </message>
    <message>
        <source>{name}: {filename} is larger than {size} MiB</source>
        <translation>{name}: {filename} ist größer als {size} MiB</translation>
    </message>
    <message>
        <source>{name} is a damaged .zip archive ({exc})</source>
        <translation>{name} ist ein beschädigtes .zip-Archiv ({exc})</translation>
    </message>
    <message>
        <source>{name}: the document is a &lt;{tag}&gt;, not an Atom feed of ESPI entries</source>
        <translation>{name}: Das Dokument ist ein &lt;{tag}&gt;, kein Atom-Feed von ESPI-Einträgen</translation>
    </message>
    <message>
        <source>its meter reading has no reading type (unit)</source>
        <translation>seine Zählerablesung hat keinen Ablesetyp (Einheit)</translation>
    </message>
    <message>
        <source>{name} line {line}: {file_unit} is not a known unit</source>
        <translation>{name} Zeile {line}: {file_unit} ist keine bekannte Einheit</translation>
    </message>
    <message>
        <source>an IntervalReading without timePeriod or value</source>
        <translation>ein IntervalReading ohne timePeriod oder value</translation>
    </message>
    <message>
        <source>the period “{time}” is not a time in seconds</source>
        <translation>der Zeitraum „{time}“ ist keine Zeit in Sekunden</translation>
    </message>
    <message>
        <source>the value “{text}” is not an integer</source>
        <translation>der Wert „{text}“ ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>an amount whose period has no duration</source>
        <translation>eine Menge, deren Zeitraum keine Dauer hat</translation>
    </message>
    <message>
        <source>{name}: the header has no statistic_id/entity_id or start column</source>
        <translation>{name}: Die Kopfzeile hat keine Spalte statistic_id/entity_id oder start</translation>
    </message>
    <message>
        <source>no statistic id</source>
        <translation>keine Statistik-ID</translation>
    </message>
    <message>
        <source>the row has no state, sum, mean, min or max value</source>
        <translation>die Zeile hat keinen Wert state, sum, mean, min oder max</translation>
    </message>
    <message>
        <source>{meter}: statistics every {value} minutes (short-term)</source>
        <translation>{meter}: Statistik alle {value} Minuten (kurzfristig)</translation>
    </message>
    <message>
        <source>“{text}” is not a time in seconds since 1970</source>
        <translation>„{text}“ ist keine Zeit in Sekunden seit 1970</translation>
    </message>
    <message>
        <source>line {line}: unit “{file_unit}” of {statistic} is not a known unit</source>
        <translation>Zeile {line}: Einheit „{file_unit}“ von {statistic} ist keine bekannte Einheit</translation>
    </message>
    <message>
        <source>{name}: the header has no day or hour_start column</source>
        <translation>{name}: Die Kopfzeile hat keine Spalte day oder hour_start</translation>
    </message>
    <message>
        <source>not meter values, left out: {names}</source>
        <translation>keine Zählerwerte, ausgelassen: {names}</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>kein Wert</translation>
    </message>
    <message>
        <source>{name} is not valid {encoding} text (byte {start})</source>
        <extracomment>What &quot;no value&quot; looks like in the cells of standard-format exports.</extracomment>
        <translation>{name} ist kein gültiger {encoding}-Text (Byte {start})</translation>
    </message>
    <message>
        <source>“{value}” is not a date and time (expected ISO 8601 such as 2024-01-15 10:00)</source>
        <translation>„{value}“ ist kein Datum mit Uhrzeit (erwartet ISO 8601 wie 2024-01-15 10:00)</translation>
    </message>
    <message>
        <source>“{text}” is not a finite number</source>
        <translation>„{text}“ ist keine endliche Zahl</translation>
    </message>
</context>
<context>
    <name>ImportHomeLog</name>
    <message>
        <source>{file} holds no source named “{name}” (it holds {names})</source>
        <extracomment>Readings stored per step (progress and cancel between steps). Versions of the document this reads. Bytes read from the start of a file to recognise the document. Interval metric index -&gt; each value&apos;s period start (None: not read, or the period is not known). Each reading&apos;s author&apos;s name (&quot;&quot;: nobody). (metric name, tariff with metric_id 0). (metric name, change with source and metric 0, time of the reading it was recorded with or None). (metric name, conversion factor with metric_id 0). The source&apos;s advance payments (source_id 0).</extracomment>
        <translation>{file} enthält keine Messstelle namens „{name}“ (sie enthält {names})</translation>
    </message>
    <message>
        <source>{file} is not valid JSON: {exc}</source>
        <extracomment>Times of the readings skipped for a stored one (the first few, for the summary). The stored readings it replaced, kept for an undo (``undoable``; None: not kept). What undoing it removes from this source (``undoable``; None: undo was not asked about).</extracomment>
        <translation>{file} ist kein gültiges JSON: {exc}</translation>
    </message>
    <message>
        <source>{file} is not a Home Log export</source>
        <translation>{file} ist kein Home-Log-Export</translation>
    </message>
    <message>
        <source>{name} is a Home Log export of version {version}, which this Home Log cannot read (it reads versions {versions}): update Home Log</source>
        <translation>{name} ist ein Home-Log-Export der Version {version}, die dieses Home Log nicht lesen kann (es liest die Versionen {versions}): Aktualisieren Sie Home Log</translation>
    </message>
    <message>
        <source>{name}: “sources” is not a list</source>
        <translation>{name}: „sources“ ist keine Liste</translation>
    </message>
    <message>
        <source>{name} holds two sources of the same name</source>
        <translation>{name} enthält zwei Messstellen mit demselben Namen</translation>
    </message>
    <message>
        <source>the export has no “source”</source>
        <extracomment>What stands for the k-th list of readings in the document&apos;s skeleton (``_load``).</extracomment>
        <translation>der Export hat keine „source“</translation>
    </message>
    <message>
        <source>source “{name}”</source>
        <translation>Messstelle „{name}“</translation>
    </message>
    <message>
        <source>source {number}</source>
        <translation>Messstelle {number}</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>kein Objekt</translation>
    </message>
    <message>
        <source>it has no name</source>
        <translation>sie hat keinen Namen</translation>
    </message>
    <message>
        <source>unknown category {category}</source>
        <translation>unbekannte Kategorie {category}</translation>
    </message>
    <message>
        <source>it has no metrics</source>
        <translation>sie hat keine Messgrößen</translation>
    </message>
    <message>
        <source>two metrics have the same name</source>
        <translation>zwei Messgrößen haben denselben Namen</translation>
    </message>
    <message>
        <source>{text}, meter change {index}</source>
        <translation>{text}, Zählerwechsel {index}</translation>
    </message>
    <message>
        <source>{text}, conversion factor {index} of “{name}”</source>
        <translation>{text}, Umrechnungsfaktor {index} von „{name}“</translation>
    </message>
    <message>
        <source>{text}, advance payment {index}</source>
        <translation>{text}, Abschlag {index}</translation>
    </message>
    <message>
        <source>cannot be read ({exc})</source>
        <translation>lässt sich nicht lesen ({exc})</translation>
    </message>
    <message>
        <source>metric {number} has no name</source>
        <translation>Messgröße {number} hat keinen Namen</translation>
    </message>
    <message>
        <source>metric “{name}” has an unknown kind {kind}</source>
        <translation>Messgröße „{name}“ hat eine unbekannte Art {kind}</translation>
    </message>
    <message>
        <source>it names no metric of the source</source>
        <translation>sie nennt keine Messgröße der Messstelle</translation>
    </message>
    <message>
        <source>“readings” is not a list</source>
        <translation>„readings“ ist keine Liste</translation>
    </message>
    <message>
        <source>“values” is not an object</source>
        <translation>„values“ ist kein Objekt</translation>
    </message>
    <message>
        <source>“{name}” is no metric of the source</source>
        <translation>„{name}“ ist keine Messgröße der Messstelle</translation>
    </message>
    <message>
        <source>the value of “{name}” is not a number</source>
        <translation>der Wert von „{name}“ ist keine Zahl</translation>
    </message>
    <message>
        <source>the value of “{name}”: {exc}</source>
        <translation>der Wert von „{name}“: {exc}</translation>
    </message>
    <message>
        <source>“{name}” is no interval metric of the source</source>
        <translation>„{name}“ ist keine Intervall-Messgröße der Messstelle</translation>
    </message>
    <message>
        <source>the period of “{name}” does not end after it starts</source>
        <translation>der Zeitraum von „{name}“ endet nicht nach seinem Beginn</translation>
    </message>
    <message>
        <source>a time is missing</source>
        <translation>eine Zeit fehlt</translation>
    </message>
    <message>
        <source>“{value}” is not an ISO 8601 time</source>
        <translation>„{value}“ ist keine Zeit nach ISO 8601</translation>
    </message>
    <message>
        <source>“{value}” has no UTC offset</source>
        <translation>„{value}“ hat keinen UTC-Versatz</translation>
    </message>
    <message>
        <source>“{name}” is not a text</source>
        <translation>„{name}“ ist kein Text</translation>
    </message>
    <message>
        <source>“{name}” is not a whole number</source>
        <translation>„{name}“ ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>source “{name}”, tariff of “{metric}” from {date}</source>
        <translation>Messstelle „{name}“, Tarif von „{metric}“ ab {date}</translation>
    </message>
    <message>
        <source>{where}, conversion factors: {reason}</source>
        <translation>{where}, Umrechnungsfaktoren: {reason}</translation>
    </message>
    <message>
        <source>{where}, advance payments: {reason}</source>
        <translation>{where}, Abschläge: {reason}</translation>
    </message>
    <message>
        <source>source “{name}”, meter change of “{metric}”: {exc}</source>
        <translation>Messstelle „{name}“, Zählerwechsel von „{metric}“: {exc}</translation>
    </message>
    <message numerus="yes">
        <source>Import of {file} (a Home Log export of %Ln source(s))</source>
        <translation>
            <numerusform>Import von {file} (ein Home-Log-Export mit %Ln Messstelle)</numerusform>
            <numerusform>Import von {file} (ein Home-Log-Export mit %Ln Messstellen)</numerusform>
        </translation>
    </message>
    <message>
        <source>“{name}”: created, with the metrics {metrics}.</source>
        <translation>„{name}“: angelegt, mit den Messgrößen {metrics}.</translation>
    </message>
    <message>
        <source>“{name}”: already here; only what it lacked was added.</source>
        <translation>„{name}“: schon vorhanden; nur was fehlte, wurde hinzugefügt.</translation>
    </message>
    <message>
        <source>  Metrics added: {metrics}.</source>
        <translation>  Hinzugefügte Messgrößen: {metrics}.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln imported</source>
        <translation>
            <numerusform>%Ln importiert</numerusform>
            <numerusform>%Ln importiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln replaced</source>
        <translation>
            <numerusform>%Ln ersetzt</numerusform>
            <numerusform>%Ln ersetzt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped: a reading of that time is already stored ({times})</source>
        <translation>
            <numerusform>%Ln übersprungen: Eine Ablesung dieser Zeit ist schon gespeichert ({times})</numerusform>
            <numerusform>%Ln übersprungen: Eine Ablesung dieser Zeit ist jeweils schon gespeichert ({times})</numerusform>
        </translation>
    </message>
    <message>
        <source>  Readings: {counts}.</source>
        <translation>  Ablesungen: {counts}.</translation>
    </message>
    <message>
        <source>  Tariffs: {added} added.</source>
        <translation>  Tarife: {added} hinzugefügt.</translation>
    </message>
    <message>
        <source>  Tariffs: {added} added, {there} already here.</source>
        <translation>  Tarife: {added} hinzugefügt, {there} schon vorhanden.</translation>
    </message>
    <message>
        <source>  Conversion factors: {added} added.</source>
        <translation>  Umrechnungsfaktoren: {added} hinzugefügt.</translation>
    </message>
    <message>
        <source>  Conversion factors: {added} added, {there} already here.</source>
        <translation>  Umrechnungsfaktoren: {added} hinzugefügt, {there} schon vorhanden.</translation>
    </message>
    <message>
        <source>  Advance payments: {added} added.</source>
        <translation>  Abschläge: {added} hinzugefügt.</translation>
    </message>
    <message>
        <source>  Advance payments: {added} added, {there} already here.</source>
        <translation>  Abschläge: {added} hinzugefügt, {there} schon vorhanden.</translation>
    </message>
    <message>
        <source>  Meter changes: {added} added.</source>
        <translation>  Zählerwechsel: {added} hinzugefügt.</translation>
    </message>
    <message>
        <source>  Meter changes: {added} added, {there} already here.</source>
        <translation>  Zählerwechsel: {added} hinzugefügt, {there} schon vorhanden.</translation>
    </message>
</context>
<context>
    <name>ImportModels</name>
    <message>
        <source>Column {number}</source>
        <extracomment>The problem text of a cell (tests and delegates read it; the tooltip shows it).</extracomment>
        <translation>Spalte {number}</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Spalte in der Datei</translation>
    </message>
    <message>
        <source>First values</source>
        <translation>Erste Werte</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>Importieren als</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Messgröße</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Not imported</source>
        <extracomment>Shown for a column that is not imported.</extracomment>
        <translation>Nicht importiert</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>New metric</source>
        <translation>Neue Messgröße</translation>
    </message>
    <message>
        <source>Date and time</source>
        <extracomment>Shown for the date (and time) column in the mapping: set on the first page.</extracomment>
        <translation>Datum und Uhrzeit</translation>
    </message>
    <message>
        <source>Time of day</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <source>Counter</source>
        <extracomment>How the mapping page names each kind of metric (what the column&apos;s values are; shown through ``kind_text``).</extracomment>
        <translation>Zählerstand</translation>
    </message>
    <message>
        <source>Amount per period</source>
        <translation>Menge je Zeitraum</translation>
    </message>
    <message>
        <source>Gauge</source>
        <translation>Momentanwert</translation>
    </message>
    <message>
        <source>Period start</source>
        <extracomment>Shown for the period&apos;s ends (a ``From``/``To`` column) in the mapping (through ``translate``).</extracomment>
        <translation>Beginn des Zeitraums</translation>
    </message>
    <message>
        <source>Period end</source>
        <translation>Ende des Zeitraums</translation>
    </message>
    <message>
        <source>Invalid: {reason}</source>
        <translation>Ungültig: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>OK, %n cell(s) left empty</source>
        <translation>
            <numerusform>OK, %n Zelle leer gelassen</numerusform>
            <numerusform>OK, %n Zellen leer gelassen</numerusform>
        </translation>
    </message>
    <message>
        <source>since the previous row – {time}</source>
        <translation>seit der vorigen Zeile – {time}</translation>
    </message>
    <message>
        <source>No value: skipped</source>
        <translation>Kein Wert: übersprungen</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>Ungültig</translation>
    </message>
    <message>
        <source>Same time as an earlier row</source>
        <translation>Gleicher Zeitpunkt wie eine frühere Zeile</translation>
    </message>
    <message>
        <source>Not a reading: skipped</source>
        <translation>Keine Ablesung: übersprungen</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <source>Not a reading (a total, a title or a note among the data): it is skipped.</source>
        <translation>Keine Ablesung (eine Summe, ein Titel oder eine Notiz zwischen den Daten): wird übersprungen.</translation>
    </message>
    <message>
        <source>No value in this row: it is skipped.</source>
        <translation>Kein Wert in dieser Zeile: wird übersprungen.</translation>
    </message>
    <message>
        <source>Same time and register as line {line}: this row is skipped.</source>
        <translation>Gleiche Zeit und gleiches Zählwerk wie Zeile {line}: Diese Zeile wird übersprungen.</translation>
    </message>
    <message>
        <source>Same time and register as line {line}: this row replaces its value.</source>
        <translation>Gleiche Zeit und gleiches Zählwerk wie Zeile {line}: Diese Zeile ersetzt deren Wert.</translation>
    </message>
    <message>
        <source>Same time as line {line}: this row replaces it.</source>
        <translation>Gleiche Zeit wie Zeile {line}: Diese Zeile ersetzt sie.</translation>
    </message>
    <message>
        <source>Same time as line {line}: this row is skipped.</source>
        <translation>Gleiche Zeit wie Zeile {line}: Diese Zeile wird übersprungen.</translation>
    </message>
</context>
<context>
    <name>ImportProfiles</name>
    <message>
        <source>Fluvius (Mijn Fluvius) quarter-hour or day totals, a row per register</source>
        <extracomment>The period&apos;s length taken from the file: the first data row&apos;s two period columns, or the step between the first two rows&apos; times. A long file with ``values``: the start of the registers this column is read for (a Dutch meter number starts with E for electricity, G for gas); &quot;&quot; for every register. Column names that must all be in the header (compared casefolded, spaces collapsed). The date (or date and time) column; None: the times as detected (a file of day rows). Whether the data may say otherwise: a file whose first row is at midnight labels its periods by their start (a portal that labels by the end starts at 00:15, ends with the next day&apos;s 00:00). A column with the period&apos;s other end (a date and time in one cell). Period length in seconds, FROM_FILE, or None (the rules of ``ImportSettings``). (date, time) of the period&apos;s other end in two columns, used to measure the period (FROM_FILE). A long file: the register column, and the kind of every register&apos;s values. With ``values`` too, only the value columns they name are read, for the registers each names, as the metrics each names (a file of electricity and gas meters, each with its own registers). An inclusive period end (``00:59`` for the hour 00:00-01:00): a minute is added to the measured period.</extracomment>
        <translation>Fluvius (Mijn Fluvius): Viertelstunden- oder Tagessummen, eine Zeile je Zählwerk</translation>
    </message>
    <message>
        <source>Eneco (Mijn Eneco) daily meter readings: electricity El 1-4 and gas</source>
        <translation>Eneco (Mijn Eneco): tägliche Zählerstände, Strom El 1-4 und Gas</translation>
    </message>
    <message>
        <source>HomeWizard P1 meter export: import and export readings T1, T2 (kWh)</source>
        <translation>HomeWizard-P1-Zählerexport: Bezugs- und Einspeisestände T1, T2 (kWh)</translation>
    </message>
    <message>
        <source>HomeWizard P1 meter export of the gas meter: total gas used (m³)</source>
        <translation>HomeWizard-P1-Export des Gaszählers: gesamter Gasverbrauch (m³)</translation>
    </message>
    <message>
        <source>Liander meter data (meetdata): daily readings of electricity El 1-4 and gas, a row per meter and day</source>
        <translation>Liander-Messdaten (meetdata): tägliche Zählerstände, Strom El 1–4 und Gas, eine Zeile je Zähler und Tag</translation>
    </message>
    <message>
        <source>Greenchoice electricity meter readings (meterstanden stroom): a day per row, El 1-4</source>
        <translation>Greenchoice-Zählerstände Strom (meterstanden stroom): ein Tag je Zeile, El 1–4</translation>
    </message>
    <message>
        <source>E3/DC portal export (Statistik): power of solar, battery, grid and house</source>
        <translation>E3/DC-Portalexport (Statistik): Leistung von Solar, Batterie, Netz und Haus</translation>
    </message>
    <message>
        <source>Netz Niederösterreich smart meter portal: quarter-hour consumption labelled by its end</source>
        <translation>Smart-Meter-Portal Netz Niederösterreich: Viertelstundenverbrauch, nach seinem Ende benannt</translation>
    </message>
    <message>
        <source>German grid operator&apos;s load profile (Lastgang): quarter-hour kWh</source>
        <translation>Lastgang eines deutschen Netzbetreibers: Viertelstunden-kWh</translation>
    </message>
    <message>
        <source>Wiener Netze smart meter portal (Datenexport): quarter-hour kWh with Zeit von and Zeit bis</source>
        <translation>Smart-Meter-Portal Wiener Netze (Datenexport): Viertelstunden-kWh mit Zeit von und Zeit bis</translation>
    </message>
    <message>
        <source>e-distribuzione (Enel) load curve: a day per row, 96 quarter-hour columns</source>
        <translation>e-distribuzione (Enel) Lastkurve: ein Tag je Zeile, 96 Viertelstundenspalten</translation>
    </message>
    <message>
        <source>Octopus Energy consumption download: half-hour amounts with Start and End</source>
        <translation>Octopus-Energy-Verbrauchsdownload: Halbstundenmengen mit Start und End</translation>
    </message>
    <message>
        <source>Green Button “Download my data” CSV (PG&amp;E, SCE, ComEd…): TYPE, DATE, START TIME, END TIME, USAGE</source>
        <translation>Green-Button-CSV „Download my data“ (PG&amp;E, SCE, ComEd…): TYPE, DATE, START TIME, END TIME, USAGE</translation>
    </message>
</context>
<context>
    <name>ImportRun</name>
    <message>
        <source>not a reading: “{text}”</source>
        <extracomment>Time a chunk should take to read and store. Progress comes every 200 ms anyway; the size is bounded because each list-wide C call (building, converting, freeing a chunk) holds the GIL throughout, so the event loop waits for it: 100,000-row chunks stalled it for up to 150 ms. Longest time between two progress reports, whatever a chunk takes. The file line of each row of ``ts``. column -&gt; value per row (None: empty cell). The start of each row&apos;s period (interval values), None: since the previous value. Value column -&gt; its own period start per row (ImportSettings.start_columns). Cells of stored rows that mean &quot;no value&quot; (NaN, -, n/a, a word): missing values, listed. Rows that are no reading (a total line, a banner, a repeated header): skipped, listed. column -&gt; most decimals a value of it needed (columns of created metrics). Rows to store when a time occurs twice in the chunk (None: all of them), and how many were left out. Lines of the rows left out because their time occurs again in the chunk. Home Log&apos;s own export: each row&apos;s flags and its author&apos;s name (&quot;&quot;: nobody); None without those columns. A long file: rows of one time (one per register) are merged into one reading.</extracomment>
        <translation>keine Ablesung: „{text}“</translation>
    </message>
    <message>
        <source>The database is busy: another program kept it locked for too long. Nothing was imported; try again.</source>
        <translation>Die Datenbank ist beschäftigt: Ein anderes Programm hat sie zu lange gesperrt. Nichts wurde importiert; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The disk is full. Nothing was imported.</source>
        <translation>Der Datenträger ist voll. Nichts wurde importiert.</translation>
    </message>
    <message>
        <source>The database cannot be written (read-only file or folder). Nothing was imported.</source>
        <translation>Die Datenbank lässt sich nicht schreiben (schreibgeschützte Datei oder schreibgeschützter Ordner). Nichts wurde importiert.</translation>
    </message>
    <message>
        <source>Another program stored a reading at the time of a row of this file meanwhile. Nothing was imported; try again (that row is then skipped as a duplicate).</source>
        <translation>Ein anderes Programm hat inzwischen eine Ablesung zur Zeit einer Zeile dieser Datei gespeichert. Nichts wurde importiert; versuchen Sie es erneut (diese Zeile wird dann als Duplikat übersprungen).</translation>
    </message>
    <message>
        <source>Another program created a source with this name meanwhile. Nothing was imported; try again.</source>
        <translation>Ein anderes Programm hat inzwischen eine Messstelle mit diesem Namen angelegt. Nichts wurde importiert; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>two columns would create metrics with the same name: rename one</source>
        <translation>zwei Spalten würden Messgrößen mit demselben Namen anlegen: Benennen Sie eine um</translation>
    </message>
    <message>
        <source>a new source needs at least one column mapped to a new metric</source>
        <translation>eine neue Messstelle braucht mindestens eine Spalte, die einer neuen Messgröße zugeordnet ist</translation>
    </message>
    <message>
        <source>the source “{name}” no longer exists</source>
        <translation>die Messstelle „{name}“ gibt es nicht mehr</translation>
    </message>
    <message>
        <source>the source “{name}” already has a metric named “{metric}”</source>
        <translation>die Messstelle „{name}“ hat schon eine Messgröße namens „{metric}“</translation>
    </message>
    <message>
        <source>“{name}” is a virtual meter: its figures are computed from its inputs, it has no readings of its own. Import into one of its inputs instead.</source>
        <translation>„{name}“ ist ein virtueller Zähler: Seine Werte werden aus seinen Eingängen berechnet, eigene Ablesungen hat er nicht. Importieren Sie stattdessen in einen seiner Eingänge.</translation>
    </message>
    <message>
        <source>the metric “{metric}” is no longer part of “{name}”</source>
        <translation>die Messgröße „{metric}“ gehört nicht mehr zu „{name}“</translation>
    </message>
    <message>
        <source>a source named “{name}” was created meanwhile, without the metric “{metric}”: import into it instead</source>
        <translation>inzwischen wurde eine Messstelle namens „{name}“ ohne die Messgröße „{metric}“ angelegt: Importieren Sie stattdessen in sie</translation>
    </message>
</context>
<context>
    <name>ImportSummary</name>
    <message numerus="yes">
        <source> (line(s) {lines})</source>
        <translation>
            <numerusform> (Zeile {lines})</numerusform>
            <numerusform> (Zeilen {lines})</numerusform>
        </translation>
    </message>
    <message>
        <source>Recognised: {format} ({file})</source>
        <extracomment>Units that make a new source an electricity meter (anything else: &quot;other&quot;). The source for every series; None: a source per meter (``targets_of``). Zone of the file&apos;s naive times (DSMR-reader days); None: the computer&apos;s local time. Skip the file&apos;s invalid rows and cells (a value or time that cannot be read) and list them; False: the first one stops the import and nothing is stored, as for a table (``homelog import`` without ``--skip-invalid``). The wizard lists them. Rows and cells the file&apos;s reader did not take (each with its line). Why the import cannot be undone, when it cannot (&quot;&quot;: it can, or undo was not asked about).</extracomment>
        <translation>Erkannt: {format} ({file})</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>Hinweis: {note}</translation>
    </message>
    <message numerus="yes">
        <source>Skipped in the file: %Ln row(s) or cell(s):</source>
        <translation>
            <numerusform>In der Datei übersprungen: %Ln Zeile oder Zelle:</numerusform>
            <numerusform>In der Datei übersprungen: %Ln Zeilen oder Zellen:</numerusform>
        </translation>
    </message>
    <message>
        <source>line {line}, {cell}</source>
        <translation>Zeile {line}, {cell}</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>Zeile {line}</translation>
    </message>
    <message numerus="yes">
        <source>  … and %Ln more</source>
        <translation>
            <numerusform>  … und %Ln weitere</numerusform>
            <numerusform>  … und %Ln weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Import of {file} into “{source}”</source>
        <translation>Import von {file} in „{source}“</translation>
    </message>
    <message>
        <source>The source was created by this import.</source>
        <translation>Die Messstelle wurde bei diesem Import angelegt.</translation>
    </message>
    <message>
        <source>Metrics created: {names}.</source>
        <translation>Angelegte Messgrößen: {names}.</translation>
    </message>
    <message numerus="yes">
        <source>Imported: %Ln reading(s).</source>
        <translation>
            <numerusform>Importiert: %Ln Ablesung.</numerusform>
            <numerusform>Importiert: %Ln Ablesungen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Replaced: %Ln stored reading(s) with the same time.</source>
        <translation>
            <numerusform>Ersetzt: %Ln gespeicherte Ablesung mit demselben Zeitpunkt.</numerusform>
            <numerusform>Ersetzt: %Ln gespeicherte Ablesungen mit demselben Zeitpunkt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped: %Ln row(s) with the time of a stored or earlier reading{where}.</source>
        <translation>
            <numerusform>Übersprungen: %Ln Zeile mit dem Zeitpunkt einer gespeicherten oder früheren Ablesung{where}.</numerusform>
            <numerusform>Übersprungen: %Ln Zeilen mit dem Zeitpunkt einer gespeicherten oder früheren Ablesung{where}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped: %Ln row(s) with no value{where}.</source>
        <translation>
            <numerusform>Übersprungen: %Ln Zeile ohne Wert{where}.</numerusform>
            <numerusform>Übersprungen: %Ln Zeilen ohne Wert{where}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped: %Ln invalid row(s):</source>
        <translation>
            <numerusform>Übersprungen: %Ln ungültige Zeile:</numerusform>
            <numerusform>Übersprungen: %Ln ungültige Zeilen:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped: %Ln line(s) that is/are no reading:</source>
        <translation>
            <numerusform>Übersprungen: %Ln Zeile, die keine Ablesung ist:</numerusform>
            <numerusform>Übersprungen: %Ln Zeilen, die keine Ablesungen sind:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Left empty: %Ln cell(s) without a value (the rest of the row was imported):</source>
        <translation>
            <numerusform>Leer gelassen: %Ln Zelle ohne Wert (der Rest der Zeile wurde importiert):</numerusform>
            <numerusform>Leer gelassen: %Ln Zellen ohne Wert (der Rest der Zeile wurde importiert):</numerusform>
        </translation>
    </message>
    <message>
        <source>Not members here: {names}{more}; the readings they entered were imported without an author.</source>
        <translation>Hier keine Mitglieder: {names}{more}; ihre Ablesungen wurden ohne Urheber importiert.</translation>
    </message>
    <message>
        <source>Authors not kept: only the administrator may enter readings in another member&apos;s name.</source>
        <translation>Urheber nicht übernommen: Nur der Administrator darf Ablesungen im Namen eines anderen Mitglieds erfassen.</translation>
    </message>
    <message>
        <source>Columns not imported: {names}.</source>
        <translation>Nicht importierte Spalten: {names}.</translation>
    </message>
    <message>
        <source>Took {seconds} s.</source>
        <translation>Dauer: {seconds} s.</translation>
    </message>
    <message numerus="yes">
        <source>%n metric(s)</source>
        <translation>
            <numerusform>%n Messgröße</numerusform>
            <numerusform>%n Messgrößen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln reading(s)</source>
        <translation>
            <numerusform>%Ln Ablesung</numerusform>
            <numerusform>%Ln Ablesungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tariff(s)</source>
        <translation>
            <numerusform>%n Tarif</numerusform>
            <numerusform>%n Tarife</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n meter change(s)</source>
        <translation>
            <numerusform>%n Zählerwechsel</numerusform>
            <numerusform>%n Zählerwechsel</numerusform>
        </translation>
    </message>
    <message>
        <source>already here: only what it lacks is added</source>
        <translation>schon vorhanden: Nur Fehlendes wird ergänzt</translation>
    </message>
    <message>
        <source>new: created with all of it</source>
        <translation>neu: wird vollständig angelegt</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Tables, meter data and Home Log exports (*.csv *.xlsx *.xls *.ods *.txt *.tsv *.xml *.zip *.json)</source>
        <extracomment>The pages of a recognised standard file and of a Home Log export (after the summary by number only). The open dialog&apos;s filters.</extracomment>
        <translation>Tabellen, Zählerdaten und Home-Log-Exporte (*.csv *.xlsx *.xls *.ods *.txt *.tsv *.xml *.zip *.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <extracomment>(text, value) of the delimiters offered.</extracomment>
        <translation>Komma ( , )</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>Semikolon ( ; )</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <source>Pipe ( | )</source>
        <translation>Senkrechter Strich ( | )</translation>
    </message>
    <message>
        <source>Dot (1234.5)</source>
        <translation>Punkt (1234.5)</translation>
    </message>
    <message>
        <source>Comma (1234,5)</source>
        <translation>Komma (1234,5)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Comma (1,234)</source>
        <translation>Komma (1,234)</translation>
    </message>
    <message>
        <source>Dot (1.234)</source>
        <translation>Punkt (1.234)</translation>
    </message>
    <message>
        <source>Space (1 234)</source>
        <translation>Leerzeichen (1 234)</translation>
    </message>
    <message>
        <source>Apostrophe (1&apos;234)</source>
        <translation>Apostroph (1&apos;234)</translation>
    </message>
    <message>
        <source>ISO 8601 (2024-12-31 08:00)</source>
        <extracomment>Date formats offered besides the detected one: (value, text).</extracomment>
        <translation>ISO 8601 (2024-12-31 08:00)</translation>
    </message>
    <message>
        <source>31.12.2024 (day first)</source>
        <translation>31.12.2024 (Tag zuerst)</translation>
    </message>
    <message>
        <source>31/12/2024 (day first)</source>
        <translation>31/12/2024 (Tag zuerst)</translation>
    </message>
    <message>
        <source>12/31/2024 (month first)</source>
        <translation>12/31/2024 (Monat zuerst)</translation>
    </message>
    <message>
        <source>31-12-2024 (day first)</source>
        <translation>31-12-2024 (Tag zuerst)</translation>
    </message>
    <message>
        <source>31/12/24 (day first)</source>
        <translation>31/12/24 (Tag zuerst)</translation>
    </message>
    <message>
        <source>12/31/24 (month first)</source>
        <translation>12/31/24 (Monat zuerst)</translation>
    </message>
    <message>
        <source>Excel serial number (45657)</source>
        <translation>Excel-Seriennummer (45657)</translation>
    </message>
    <message>
        <source>Import readings from a file</source>
        <translation>Ablesungen aus einer Datei importieren</translation>
    </message>
    <message>
        <source>Import — {file}</source>
        <translation>Import – {file}</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln reading(s) into “{name}”</source>
        <translation>
            <numerusform>%Ln Ablesung in „{name}“ importiert</numerusform>
            <numerusform>%Ln Ablesungen in „{name}“ importiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Type to search: Amsterdam, New_York, UTC</source>
        <translation>Zum Suchen tippen: Berlin, New_York, UTC</translation>
    </message>
    <message>
        <source>This computer’s time zone ({zone})</source>
        <translation>Zeitzone dieses Computers ({zone})</translation>
    </message>
    <message>
        <source>None (as detected)</source>
        <translation>Keines (wie erkannt)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln column(s)</source>
        <translation>
            <numerusform>%Ln Spalte</numerusform>
            <numerusform>%Ln Spalten</numerusform>
        </translation>
    </message>
    <message>
        <source> The first date is &lt;b&gt;{day}&lt;/b&gt;.</source>
        <translation> Das erste Datum ist &lt;b&gt;{day}&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Day first: {example}</source>
        <translation>Tag zuerst: {example}</translation>
    </message>
    <message>
        <source>Month first: {example}</source>
        <translation>Monat zuerst: {example}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{file}&lt;/b&gt; cannot be imported.</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt; kann nicht importiert werden.</translation>
    </message>
    <message>
        <source>03/04/2024 is 3 April 2024</source>
        <translation>03/04/2024 ist der 3. April 2024</translation>
    </message>
    <message>
        <source>03/04/2024 is March 4, 2024</source>
        <translation>03/04/2024 ist der 4. März 2024</translation>
    </message>
    <message>
        <source>Nothing was imported. Correct the file, or skip invalid rows below.</source>
        <translation>Es wurde nichts importiert. Korrigieren Sie die Datei oder überspringen Sie unten ungültige Zeilen.</translation>
    </message>
    <message numerus="yes">
        <source>The first %Ln rows of the file</source>
        <translation>
            <numerusform>Die erste Zeile der Datei</numerusform>
            <numerusform>Die ersten %Ln Zeilen der Datei</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln invalid (red: point at a cell to see why)</source>
        <translation>
            <numerusform>%Ln ungültig (rot: Zeiger auf eine Zelle zeigt den Grund)</numerusform>
            <numerusform>%Ln ungültig (rot: Zeiger auf eine Zelle zeigt den Grund)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln without any value (skipped)</source>
        <translation>
            <numerusform>%Ln ohne Wert (übersprungen)</numerusform>
            <numerusform>%Ln ohne Wert (übersprungen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln at the same time as an earlier row</source>
        <translation>
            <numerusform>%Ln mit gleichem Zeitpunkt wie eine frühere Zeile</numerusform>
            <numerusform>%Ln mit gleichem Zeitpunkt wie eine frühere Zeile</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln that is/are no reading (skipped)</source>
        <translation>
            <numerusform>%Ln, die keine Ablesung ist (übersprungen)</numerusform>
            <numerusform>%Ln, die keine Ablesungen sind (übersprungen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln cell(s) without a value (left empty)</source>
        <translation>
            <numerusform>%Ln Zelle ohne Wert (leer gelassen)</numerusform>
            <numerusform>%Ln Zellen ohne Wert (leer gelassen)</numerusform>
        </translation>
    </message>
    <message>
        <source>a new source “{name}” with the metrics {metrics}</source>
        <translation>eine neue Messstelle „{name}“ mit den Messgrößen {metrics}</translation>
    </message>
    <message>
        <source>, adding the metrics {metrics}</source>
        <translation>, mit den neuen Messgrößen {metrics}</translation>
    </message>
    <message>
        <source>&lt;p&gt;All readings of &lt;b&gt;{file}&lt;/b&gt; go into {into}, in one step: if anything goes wrong, or you cancel, nothing is stored.&lt;/p&gt;&lt;p&gt;{rows}&lt;/p&gt;</source>
        <translation>&lt;p&gt;Alle Ablesungen aus &lt;b&gt;{file}&lt;/b&gt; kommen in {into}, in einem Schritt: Geht etwas schief oder brechen Sie ab, wird nichts gespeichert.&lt;/p&gt;&lt;p&gt;{rows}&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows read; saving…</source>
        <translation>
            <numerusform>%Ln Zeile gelesen; speichere…</numerusform>
            <numerusform>%Ln Zeilen gelesen; speichere…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %Ln skipped</source>
        <translation>
            <numerusform>, %Ln übersprungen</numerusform>
            <numerusform>, %Ln übersprungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows read: {count} to import</source>
        <translation>
            <numerusform>%Ln Zeile gelesen: {count} zu importieren</numerusform>
            <numerusform>%Ln Zeilen gelesen: {count} zu importieren</numerusform>
        </translation>
    </message>
    <message>
        <source> · about {time} left</source>
        <translation> · noch etwa {time}</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n Sekunde</numerusform>
            <numerusform>%n Sekunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln reading(s) into “{name}”.</source>
        <translation>
            <numerusform>%Ln Ablesung in „{name}“ importiert.</numerusform>
            <numerusform>%Ln Ablesungen in „{name}“ importiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Show “{name}”</source>
        <translation>„{name}“ zeigen</translation>
    </message>
    <message>
        <source>Close this window and show “{name}” with its readings</source>
        <translation>Dieses Fenster schließen und „{name}“ mit seinen Ablesungen zeigen</translation>
    </message>
    <message>
        <source>The import of {file} was cancelled. No reading was stored.</source>
        <translation>Der Import von {file} wurde abgebrochen. Es wurde keine Ablesung gespeichert.</translation>
    </message>
    <message>
        <source>Column {number}</source>
        <extracomment>Rows the preview shows. Settings whose change splits the file differently (the columns are read again). Detected: the file was read (also after settings that re-split it). The target source or the mapping changed. list[PreviewRow] for the current plan. ImportProgress, at least every 250 ms while importing. ImportSummary of a committed import. The user cancelled the import: nothing was changed. The import was refused (an invalid row, say): the message; nothing was changed. HomeLogDocument: the file is Home Log&apos;s own JSON export (``homelog``), read whole; no mapping needed. ParsedFile: the file is in a standard format (NEM12, Green Button...): no mapping needed. The zone the file&apos;s naive times are read in changed (``zone``). What the signed-in member may do (which sources they may import into). Stored sources the file can go into (loaded by detect() unless given). The target: a stored source (id set) or a new one (id None) that the import creates. True when a saved profile for this header chose the settings and mapping. The file is Home Log&apos;s own JSON export: its sources, re-created or completed by ``run()``. A standard-format file&apos;s content (None: an ordinary table, mapped column by column). A standard file&apos;s registers as the wizard lists them. Where a standard file&apos;s series go: one source of this name; &quot;&quot; for a source per meter. The built-in supplier profile read the table&apos;s way (None: none recognised or chosen). Where a committed import is recorded for Edit → Undo (None: not recorded). The zone the file states for its naive times (a table&apos;s time column header; None: it states none). The IANA zones offered (loaded in a worker by ``detect``). A standard file&apos;s zone for its naive times (None: the computer&apos;s; see ``zone``). The user chose the zone (kept when the file is read again with another profile).</extracomment>
        <translation>Spalte {number}</translation>
    </message>
    <message>
        <source>Choose at least one column to import as a metric.</source>
        <translation>Wählen Sie mindestens eine Spalte, die als Messgröße importiert wird.</translation>
    </message>
    <message>
        <source>Give the new source a name.</source>
        <translation>Geben Sie der neuen Messstelle einen Namen.</translation>
    </message>
    <message>
        <source>There is already a source called “{name}”: choose it above, or another name.</source>
        <translation>Es gibt bereits eine Messstelle namens „{name}“: Wählen Sie sie oben oder einen anderen Namen.</translation>
    </message>
    <message>
        <source>Every new metric needs a name.</source>
        <translation>Jede neue Messgröße braucht einen Namen.</translation>
    </message>
    <message>
        <source>Two columns go to metrics of the same name.</source>
        <translation>Zwei Spalten gehen in Messgrößen mit demselben Namen.</translation>
    </message>
    <message>
        <source>Choose the column that holds the date.</source>
        <translation>Wählen Sie die Spalte, die das Datum enthält.</translation>
    </message>
    <message>
        <source>Cannot save the summary to {path}: {reason}.</source>
        <translation>Die Zusammenfassung kann nicht nach {path} gespeichert werden: {reason}.</translation>
    </message>
    <message>
        <source>Imported readings</source>
        <translation>Importierte Ablesungen</translation>
    </message>
    <message>
        <source>New metric “{name}”</source>
        <translation>Neue Messgröße „{name}“</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Opening your data…</source>
        <extracomment>Options every command shares, which may also come before the command&apos;s name.
----------
&quot;Reconnecting…&quot; while the server is lost (live updates, viewmodels/live.py).</extracomment>
        <translation>Öffne Ihre Daten…</translation>
    </message>
    <message>
        <source>A made-up sample household: try anything, your data is not touched (File → Back to My Data).</source>
        <extracomment>Shown above the pages while the sample household is open.</extracomment>
        <translation>Ein erfundener Beispielhaushalt: Probieren Sie alles aus, Ihre Daten bleiben unberührt (Datei → Zurück zu meinen Daten).</translation>
    </message>
    <message>
        <source>All your meters and sensors are archived.

View → Show Archived Sources lists them again; “New source…” adds another.</source>
        <extracomment>Shown instead of the welcome page when every source is archived and archived ones are hidden.</extracomment>
        <translation>Alle Ihre Zähler und Sensoren sind archiviert.

Ansicht → Archivierte Messstellen zeigen listet sie wieder auf; „Neue Messstelle…“ fügt eine weitere hinzu.</translation>
    </message>
    <message>
        <source>   Opening your data…</source>
        <extracomment>Modules the content needs beyond the first frame, imported by content_steps() a group at a time (each group well under 50 ms; every step costs a round of event handling, so not one per module). File → Back Up Now and File → Restore from Backup… (the composition root owns the database file). File → Connect to a Shared Database…, Open My Local File, Switch Member…, Sign Out. File → Move to a Shared Server… (the composition root knows the data file). Emitted once the first data (sources, and the selected source&apos;s readings) is on screen. The data cannot be opened (the message is on screen). Who is signed in (their name; None: nobody signs in to this data), and the server if any. Nobody is signed in and no data is shown (Cancel on the sign-in dialog): File → Sign In… asks again. The data folder (set by the app; Help → About shows it and opens it). Where the window is (built with the content: viewmodels/navigation.py). A file a second start (or the command line) asked to import before the data was bound. The tray icon and reminders of due meters (made when the household&apos;s own data is bound). The source whose readings the start-up snapshot shows: showing it need not load them again.</extracomment>
        <translation>   Öffne Ihre Daten…</translation>
    </message>
    <message>
        <source>Not signed in to {where}.

File → Sign In… asks who you are again; File → Quit ends Home Log.</source>
        <translation>Nicht bei {where} angemeldet.

Datei → Anmelden… fragt erneut, wer Sie sind; Datei → Beenden schließt Home Log.</translation>
    </message>
    <message>
        <source>Sign &amp;In…</source>
        <translation>&amp;Anmelden…</translation>
    </message>
    <message>
        <source>Loading your meters…</source>
        <translation>Lade Ihre Zähler…</translation>
    </message>
    <message>
        <source>{app} — sample household</source>
        <translation>{app} – Beispielhaushalt</translation>
    </message>
    <message>
        <source> on </source>
        <translation> auf </translation>
    </message>
    <message>
        <source> (administrator)</source>
        <translation> (Administrator)</translation>
    </message>
    <message>
        <source>Signed in as {name}</source>
        <translation>Angemeldet als {name}</translation>
    </message>
    <message>
        <source>File → Switch Member… or Sign Out</source>
        <translation>Datei → Mitglied wechseln… oder Abmelden</translation>
    </message>
    <message>
        <source>Connected to the server again; everything shown is up to date.</source>
        <translation>Wieder mit dem Server verbunden; alles Angezeigte ist aktuell.</translation>
    </message>
    <message>
        <source>One file at a time: import {names} after this one.</source>
        <translation>Eine Datei nach der anderen: Importieren Sie {names} nach dieser.</translation>
    </message>
    <message>
        <source>Leave the sample household (Back to My Data) to import {name}.</source>
        <translation>Verlassen Sie den Beispielhaushalt (Zurück zu meinen Daten), um {name} zu importieren.</translation>
    </message>
    <message>
        <source>Reconnecting to the server… Changes made on other computers will show once it is back; what you type is kept, and a save that fails can be tried again.</source>
        <extracomment>Which pages a table&apos;s change concerns. What the window shows while the connection to the server is lost.</extracomment>
        <translation>Verbinde erneut mit dem Server… Änderungen anderer Computer erscheinen, sobald er wieder erreichbar ist; Ihre Eingaben bleiben erhalten, und ein fehlgeschlagenes Speichern kann wiederholt werden.</translation>
    </message>
    <message>
        <source>Select a meter or sensor on the left.</source>
        <translation>Wählen Sie links einen Zähler oder Sensor.</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Where the readings go</source>
        <translation>Wohin die Ablesungen kommen</translation>
    </message>
    <message>
        <source>Choose the meter or sensor, and what each column of the file holds.</source>
        <translation>Wählen Sie den Zähler oder Sensor und was jede Spalte der Datei enthält.</translation>
    </message>
    <message>
        <source>An existing source:</source>
        <translation>Eine vorhandene Messstelle:</translation>
    </message>
    <message>
        <source>(there are no sources yet)</source>
        <translation>(es gibt noch keine Messstellen)</translation>
    </message>
    <message>
        <source>A new source named:</source>
        <translation>Eine neue Messstelle namens:</translation>
    </message>
    <message>
        <source>Name of the new meter or sensor</source>
        <translation>Name des neuen Zählers oder Sensors</translation>
    </message>
    <message>
        <source>Import into:</source>
        <translation>Importieren in:</translation>
    </message>
    <message>
        <source>The file&apos;s columns and where they go</source>
        <translation>Die Spalten der Datei und wohin sie kommen</translation>
    </message>
    <message>
        <source>Double-click a new metric&apos;s name or unit to change it. Columns set to “Not imported” are left out. Kind: a counter is a running total (a meter&apos;s register), an amount per period what was used in each period (15 minutes, an hour, a day), a gauge a level or a temperature.</source>
        <translation>Doppelklicken Sie auf Name oder Einheit einer neuen Messgröße, um sie zu ändern. Spalten mit „Nicht importiert“ werden ausgelassen. Art: Ein Zählerstand ist eine laufende Summe (das Zählwerk eines Zählers), eine Menge je Zeitraum das in jedem Zeitraum Verbrauchte (15 Minuten, eine Stunde, ein Tag), ein Momentanwert ein Füllstand oder eine Temperatur.</translation>
    </message>
    <message>
        <source>Time zone of the file&apos;s times</source>
        <translation>Zeitzone der Zeiten in der Datei</translation>
    </message>
    <message>
        <source>Times without a UTC offset are in</source>
        <translation>Zeiten ohne UTC-Versatz sind in</translation>
    </message>
    <message>
        <source>Each row&apos;s zone is in the column “{name}”: its times are exact.</source>
        <translation>Die Zeitzone jeder Zeile steht in der Spalte „{name}“: ihre Zeiten sind eindeutig.</translation>
    </message>
    <message>
        <source>Detected: the header of the time column says {zone}.</source>
        <translation>Erkannt: Die Überschrift der Zeitspalte nennt {zone}.</translation>
    </message>
    <message>
        <source>The first row’s {time} is {local} in this computer’s time zone.</source>
        <translation>Die erste Zeile, {time}, ist {local} in der Zeitzone dieses Computers.</translation>
    </message>
    <message>
        <source>A row&apos;s time is its period&apos;s</source>
        <translation>Die Zeit einer Zeile ist die ihres Zeitraums</translation>
    </message>
    <message>
        <source>start (00:00 holds 00:00–00:15)</source>
        <translation>Beginn (00:00 enthält 00:00–00:15)</translation>
    </message>
    <message>
        <source>end (00:15 holds 00:00–00:15)</source>
        <translation>Ende (00:15 enthält 00:00–00:15)</translation>
    </message>
    <message>
        <source>Length of each period</source>
        <translation>Länge jedes Zeitraums</translation>
    </message>
    <message>
        <source>Amounts per period: a row&apos;s time is the period&apos;s</source>
        <translation>Mengen je Zeitraum – die Zeit einer Zeile ist:</translation>
    </message>
    <message>
        <source>Each period lasts</source>
        <translation>Jeder Zeitraum dauert</translation>
    </message>
    <message>
        <source>each cell of “{name}” (start to end)</source>
        <translation>jede Zelle von „{name}“ (Beginn bis Ende)</translation>
    </message>
    <message>
        <source>“{start}” to “{end}”</source>
        <translation>„{start}“ bis „{end}“</translation>
    </message>
    <message>
        <source>Amounts per period: each row&apos;s period is {where}, as the file gives it.</source>
        <translation>Mengen je Zeitraum: Der Zeitraum jeder Zeile ist {where}, wie die Datei ihn angibt.</translation>
    </message>
    <message>
        <source>the most common step between rows</source>
        <translation>der häufigste Abstand zwischen Zeilen</translation>
    </message>
    <message>
        <source>since the previous row</source>
        <translation>seit der vorigen Zeile</translation>
    </message>
    <message>
        <source>{length} (detected)</source>
        <translation>{length} (erkannt)</translation>
    </message>
    <message>
        <source>Detected from the steps between the rows&apos; times; change it if the file says otherwise.</source>
        <translation>Aus den Abständen der Zeilenzeiten erkannt; ändern Sie es, falls die Datei etwas anderes angibt.</translation>
    </message>
    <message>
        <source>The rows&apos; times are not regular: each amount runs since the previous row unless you choose a length.</source>
        <translation>Die Zeiten der Zeilen sind unregelmäßig: Jede Menge gilt seit der vorigen Zeile, sofern Sie keine Länge wählen.</translation>
    </message>
    <message>
        <source>Period start of “{name}”</source>
        <translation>Beginn des Zeitraums von „{name}“</translation>
    </message>
    <message>
        <source>Estimated (flag)</source>
        <translation>Geschätzt (Markierung)</translation>
    </message>
    <message>
        <source>From a bill (flag)</source>
        <translation>Aus einer Rechnung (Markierung)</translation>
    </message>
    <message>
        <source>Entered by (member)</source>
        <translation>Erfasst von (Mitglied)</translation>
    </message>
    <message>
        <source>Period (start to end)</source>
        <translation>Zeitraum (Beginn bis Ende)</translation>
    </message>
    <message>
        <source>(choose a source)</source>
        <translation>(Messstelle wählen)</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <extracomment>(seconds, text) of the period lengths offered for amounts per period.</extracomment>
        <translation>5 Minuten</translation>
    </message>
    <message>
        <source>10 minutes</source>
        <translation>10 Minuten</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 Minuten</translation>
    </message>
    <message>
        <source>30 minutes</source>
        <translation>30 Minuten</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
</context>
<context>
    <name>MembersDialog</name>
    <message>
        <source>No members yet — add the people who read the meters.</source>
        <extracomment>Text shown instead of the list while there are no members.</extracomment>
        <translation>Noch keine Mitglieder – fügen Sie die Personen hinzu, die die Zähler ablesen.</translation>
    </message>
    <message>
        <source>Household members</source>
        <extracomment>Role of a list item holding its Member. Role of a list item holding its MemberAccount (role, password or not). The list&apos;s columns. The member being edited in the form; None while adding. What the form held when it was opened, to tell whether cancelling throws something away.</extracomment>
        <translation>Haushaltsmitglieder</translation>
    </message>
    <message>
        <source>The people who read the meters. Each reading remembers who entered it.</source>
        <translation>Die Personen, die die Zähler ablesen. Jede Ablesung merkt sich, wer sie eingegeben hat.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Set &amp;Password…</source>
        <translation>&amp;Passwort setzen…</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>Mitglied hinzufügen</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Save member</source>
        <translation>Mitglied speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>E-&amp;mail:</source>
        <translation>E-&amp;Mail:</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>Passwort setzen</translation>
    </message>
    <message>
        <source>at least 10 characters; a few words are fine</source>
        <translation>mindestens 10 Zeichen; ein paar Wörter genügen</translation>
    </message>
    <message>
        <source>Save password</source>
        <translation>Passwort speichern</translation>
    </message>
    <message>
        <source>C&amp;urrent password:</source>
        <translation>&amp;Aktuelles Passwort:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Neues Passwort:</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <source>Administrator</source>
        <extracomment>The member whose password the password form sets.</extracomment>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Gesetzt</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Signs in with a password</source>
        <translation>Meldet sich mit Passwort an</translation>
    </message>
    <message>
        <source>No password yet: cannot sign in</source>
        <translation>Noch kein Passwort: kann sich nicht anmelden</translation>
    </message>
    <message>
        <source>The password of {name} is set.</source>
        <translation>Das Passwort von {name} ist gesetzt.</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>Mitglied entfernen</translation>
    </message>
    <message>
        <source>Remove {name} from the household?</source>
        <translation>{name} aus dem Haushalt entfernen?</translation>
    </message>
    <message>
        <source>Readings they entered are kept; they just no longer show who entered them. Sources they own will have no owner.</source>
        <translation>Die eingegebenen Ablesungen bleiben erhalten; sie zeigen nur nicht mehr, wer sie eingegeben hat. Messstellen dieses Mitglieds haben dann keinen Eigentümer.</translation>
    </message>
    <message>
        <source>Change your password</source>
        <translation>Ihr Passwort ändern</translation>
    </message>
    <message>
        <source>Set the password of {name}</source>
        <translation>Passwort von {name} setzen</translation>
    </message>
    <message>
        <source>Type your current password first.</source>
        <translation>Geben Sie zuerst Ihr aktuelles Passwort ein.</translation>
    </message>
    <message>
        <source>Edit member</source>
        <translation>Mitglied bearbeiten</translation>
    </message>
    <message>
        <source>Discard this new member?</source>
        <translation>Dieses neue Mitglied verwerfen?</translation>
    </message>
    <message>
        <source>Discard your changes to this member?</source>
        <translation>Ihre Änderungen an diesem Mitglied verwerfen?</translation>
    </message>
    <message>
        <source>The name and e-mail you typed have not been saved.</source>
        <translation>Der eingegebene Name und die E-Mail wurden nicht gespeichert.</translation>
    </message>
    <message>
        <source>Nobody has signed in. Home Log asks who is signing in once a member has a password.</source>
        <translation>Niemand ist angemeldet. Home Log fragt nach der Anmeldung, sobald ein Mitglied ein Passwort hat.</translation>
    </message>
    <message>
        <source>Passwords are set: from the next start Home Log asks who is signing in.</source>
        <translation>Passwörter sind gesetzt: Ab dem nächsten Start fragt Home Log, wer sich anmeldet.</translation>
    </message>
    <message>
        <source>a removed member</source>
        <translation>ein entferntes Mitglied</translation>
    </message>
    <message>
        <source>the administrator</source>
        <translation>der Administrator</translation>
    </message>
    <message>
        <source>a member</source>
        <translation>ein Mitglied</translation>
    </message>
    <message>
        <source> You can change your own name, e-mail and password.</source>
        <translation> Sie können Ihren eigenen Namen, Ihre E-Mail und Ihr Passwort ändern.</translation>
    </message>
    <message>
        <source>Signed in as {name}, {role}.</source>
        <translation>Angemeldet als {name}, {role}.</translation>
    </message>
    <message>
        <source>Add a member to the household.</source>
        <translation>Ein Mitglied zum Haushalt hinzufügen.</translation>
    </message>
    <message>
        <source>Select a member first.</source>
        <translation>Wählen Sie zuerst ein Mitglied.</translation>
    </message>
    <message>
        <source>Change the name and e-mail of {name}.</source>
        <translation>Name und E-Mail von {name} ändern.</translation>
    </message>
    <message>
        <source>Remove {name} from the household.</source>
        <translation>{name} aus dem Haushalt entfernen.</translation>
    </message>
    <message>
        <source>Set the password of {name}.</source>
        <translation>Passwort von {name} setzen.</translation>
    </message>
    <message>
        <source>Nobody signs in to this file: everyone at this computer may change the members.</source>
        <extracomment>Why everything is allowed on a local file nobody signs in to.</extracomment>
        <translation>Bei dieser Datei meldet sich niemand an: Jeder an diesem Computer darf die Mitglieder ändern.</translation>
    </message>
    <message>
        <source>This is you: you need your current password to change it.</source>
        <extracomment>``last_error_field`` of a wrong current password. The same list as MemberAccount objects (member, role, has_password). The member just added or updated. A member was deleted (their id), once the deletion has committed. A member&apos;s password was stored (their id). Where committed changes are recorded for Edit → Undo (None: not recorded).</extracomment>
        <translation>Das sind Sie: Zum Ändern brauchen Sie Ihr aktuelles Passwort.</translation>
    </message>
</context>
<context>
    <name>MeterChanges</name>
    <message>
        <source>The meter was exchanged: the old one ended at its final value, the new one started at its start value.</source>
        <extracomment>What each field is called in messages. Currencies offered first in the currency box (any three-letter code may be typed). Decimals a price may have.</extracomment>
        <translation>Der Zähler wurde getauscht: Der alte endete mit seinem Endstand, der neue begann mit seinem Anfangsstand.</translation>
    </message>
    <message>
        <source>The register was set back (to the start value, or zero when left blank).</source>
        <translation>Das Zählwerk wurde zurückgesetzt (auf den Anfangsstand oder auf null, wenn leer).</translation>
    </message>
    <message>
        <source>The register passed its largest value (999…9) and started again from zero.</source>
        <translation>Das Zählwerk hat seinen größten Wert (999…9) überschritten und wieder bei null begonnen.</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Messgröße</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Old final value</source>
        <translation>Endstand alt</translation>
    </message>
    <message>
        <source>New start value</source>
        <translation>Anfangsstand neu</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>The old meter&apos;s (or register&apos;s) last value</source>
        <translation>Der letzte Stand des alten Zählers (oder Zählwerks)</translation>
    </message>
    <message>
        <source>The new meter&apos;s first value (a reset starts from zero when blank)</source>
        <translation>Der erste Stand des neuen Zählers (ein Zurücksetzen beginnt bei null, wenn leer)</translation>
    </message>
    <message>
        <source>No reading of this meter on one side of this change: it joins nothing. Was the reading it was recorded with deleted? Delete the change if it no longer applies.</source>
        <extracomment>Shown on a change that joins no two readings (see ``set_unbridged``).</extracomment>
        <translation>Auf einer Seite dieses Wechsels gibt es keine Ablesung dieses Zählers: Er verbindet nichts. Wurde die Ablesung gelöscht, mit der er erfasst wurde? Löschen Sie den Wechsel, wenn er nicht mehr zutrifft.</translation>
    </message>
    <message numerus="yes">
        <source>Rolled over (%n digits)</source>
        <translation>
            <numerusform>Übergelaufen (%n Stelle)</numerusform>
            <numerusform>Übergelaufen (%n Stellen)</numerusform>
        </translation>
    </message>
    <message>
        <source>Rolled over</source>
        <translation>Übergelaufen</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Gültig ab</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Arbeitspreis</translation>
    </message>
    <message>
        <source>Standing charge / day</source>
        <translation>Grundpreis / Tag</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>The price applies from this day until the metric&apos;s next tariff</source>
        <translation>Der Preis gilt ab diesem Tag bis zum nächsten Tarif der Messgröße</translation>
    </message>
    <message>
        <source>Price per unit of the metric (per kWh, per m³…)</source>
        <translation>Preis je Einheit der Messgröße (je kWh, je m³…)</translation>
    </message>
    <message>
        <source>Fixed charge per day, whatever is used</source>
        <translation>Fester Betrag je Tag, unabhängig vom Verbrauch</translation>
    </message>
    <message>
        <source>at least {value}</source>
        <translation>mindestens {value}</translation>
    </message>
    <message>
        <source>{currency} per {unit}</source>
        <translation>{currency} pro {unit}</translation>
    </message>
    <message>
        <source>{currency} per unit</source>
        <translation>{currency} pro Einheit</translation>
    </message>
</context>
<context>
    <name>MeterEvent</name>
    <message>
        <source>Meter replaced</source>
        <extracomment>Most decimals a metric may have (values are stored as doubles: 15 significant digits are exact). Largest magnitude a value may have. When the member was added and last changed (None: not stored yet); not part of equality. Number of digits of a counter&apos;s register (it rolls over at 10**digits); None if unknown. Expected days between readings; None means no reminder. First month (1-12) of the source&apos;s billing year (the supplier&apos;s accounting year). On a public source, every member of the household may add readings (domain.access). The stored row&apos;s version when read (0: not read; see domain/conflicts.py). Not part of equality. A virtual meter (domain/virtual.py): no readings of its own; its one metric is computed from ``terms``, metrics of other sources added or subtracted. The stored row&apos;s version when read (0: not read; see domain/conflicts.py). Not part of equality. metric id -&gt; value minus the previous value of that metric (counters only). The meter was exchanged: the old one ended at ``old_value``, the new one started at ``new_value``. The register was set back (to ``new_value``, zero when None) after showing ``old_value``. The register passed its largest value and started again from zero (wraps at 10**digits).</extracomment>
        <translation>Zähler getauscht</translation>
    </message>
    <message>
        <source>Meter reset</source>
        <translation>Zähler zurückgesetzt</translation>
    </message>
    <message>
        <source>Register rolled over</source>
        <translation>Zählwerk übergelaufen</translation>
    </message>
</context>
<context>
    <name>MeterEventDialog</name>
    <message>
        <source>Record a meter change</source>
        <translation>Einen Zählerwechsel erfassen</translation>
    </message>
    <message>
        <source>Edit meter change</source>
        <translation>Zählerwechsel bearbeiten</translation>
    </message>
    <message>
        <source>Optional: the new meter&apos;s number, who changed it…</source>
        <translation>Optional: die Nummer des neuen Zählers, wer ihn getauscht hat…</translation>
    </message>
    <message>
        <source>&amp;Metric:</source>
        <translation>&amp;Messgröße:</translation>
    </message>
    <message>
        <source>&amp;Date and time:</source>
        <translation>&amp;Datum und Uhrzeit:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;Old meter&apos;s final value:</source>
        <translation>Endstand des &amp;alten Zählers:</translation>
    </message>
    <message>
        <source>&amp;New meter&apos;s start value:</source>
        <translation>Anfangsstand des &amp;neuen Zählers:</translation>
    </message>
    <message>
        <source>Register d&amp;igits:</source>
        <translation>S&amp;tellen des Zählwerks:</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>N&amp;otiz:</translation>
    </message>
    <message>
        <source>choose a counter (meter changes apply to counters only)</source>
        <translation>wählen Sie einen Zähler (Zählerwechsel gibt es nur bei Zählern)</translation>
    </message>
</context>
<context>
    <name>MeterRound</name>
    <message>
        <source>The amount you enter is for the period since this reading.</source>
        <translation>Die eingegebene Menge gilt für den Zeitraum seit dieser Ablesung.</translation>
    </message>
</context>
<context>
    <name>MeterRoundDialog</name>
    <message>
        <source>Meter round</source>
        <extracomment>The earliest period start offered; the field shows NO_START_TEXT there (no earlier reading: not known). Milliseconds the round&apos;s time must stay unchanged before the values around it are loaded again. An amount per period&apos;s start (editable; &quot;since the previous reading&quot; by default), and the way back to it.</extracomment>
        <translation>Ableserunde</translation>
    </message>
    <message>
        <source>Discard this meter round?</source>
        <extracomment>What was typed, by (source id, metric id): survives reloading the lines.</extracomment>
        <translation>Diese Ableserunde verwerfen?</translation>
    </message>
    <message numerus="yes">
        <source>The %n value(s) you typed have not been saved.</source>
        <translation>
            <numerusform>Der eingegebene Wert wurde nicht gespeichert.</numerusform>
            <numerusform>Die %n eingegebenen Werte wurden nicht gespeichert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) for {sources} — empty lines are skipped</source>
        <translation>
            <numerusform>%n Wert für {sources} – leere Zeilen zählen nicht</numerusform>
            <numerusform>%n Werte für {sources} – leere Zeilen zählen nicht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n source(s)</source>
        <translation>
            <numerusform>%n Messstelle</numerusform>
            <numerusform>%n Messstellen</numerusform>
        </translation>
    </message>
    <message>
        <source>Type the values you read; empty lines are skipped.</source>
        <translation>Abgelesene Werte eingeben; leere Zeilen zählen nicht.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Speichere…</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>Trotzdem speichern</translation>
    </message>
    <message numerus="yes">
        <source>Save %n readings</source>
        <translation>
            <numerusform>%n Ablesung speichern</numerusform>
            <numerusform>%n Ablesungen speichern</numerusform>
        </translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Zählwerk</translation>
    </message>
    <message>
        <source>Previous reading</source>
        <translation>Vorige Ablesung</translation>
    </message>
    <message>
        <source>Reading now</source>
        <translation>Stand jetzt</translation>
    </message>
    <message>
        <source>Due now</source>
        <translation>Jetzt fällig</translation>
    </message>
    <message>
        <source>Not due yet</source>
        <translation>Noch nicht fällig</translation>
    </message>
    <message>
        <source>Expected from the recent daily rate: </source>
        <translation>Erwartet nach dem aktuellen Tagesverbrauch: </translation>
    </message>
    <message>
        <source>{source}, {metric}: start of the period</source>
        <translation>{source}, {metric}: Beginn des Zeitraums</translation>
    </message>
    <message>
        <source>no reading yet</source>
        <translation>noch keine Ablesung</translation>
    </message>
    <message>
        <source>{value} on {time}</source>
        <translation>{value} am {time}</translation>
    </message>
    <message>
        <source>Type what each meter shows; Tab or Enter moves to the next one. Empty lines are skipped.</source>
        <translation>Geben Sie ein, was jeder Zähler anzeigt; Tab oder Eingabe springt zum nächsten. Leere Zeilen werden übersprungen.</translation>
    </message>
    <message>
        <source>Time of the round</source>
        <translation>Zeitpunkt der Runde</translation>
    </message>
    <message>
        <source>&amp;Time of the round</source>
        <translation>&amp;Zeitpunkt der Runde</translation>
    </message>
    <message>
        <source>Show meters not due yet</source>
        <translation>Noch nicht fällige Zähler zeigen</translation>
    </message>
    <message>
        <source>No meter is due. Tick “Show meters not due yet” to read them anyway.</source>
        <translation>Kein Zähler ist fällig. Setzen Sie „Noch nicht fällige Zähler zeigen“, um sie trotzdem abzulesen.</translation>
    </message>
    <message>
        <source>There are no meters or sensors yet: add one with “New source…” first.</source>
        <translation>Es gibt noch keine Zähler oder Sensoren: Fügen Sie zuerst einen mit „Neue Messstelle…“ hinzu.</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Arbeite…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Enter at least one value: empty lines are skipped.</source>
        <extracomment>The source&apos;s reading is due (its interval has passed, or it has none yet). The stored value just before the round&apos;s time. previous value + recent daily rate × days since (counters with a known rate only). Why the signed-in member may not add readings to the source (&quot;&quot;: they may). An interval metric&apos;s period start for the round&apos;s value: &quot;since the previous reading&quot; (``default_period_start``, as in the reading dialog); None for other kinds, or without one. list[RoundLine], overdue sources first (each group by name), metrics in order. Readings stored by save(): list[Reading]. list[Issue]: warnings found at save time that were not accepted (nothing was stored). bool: the save waits for another program to finish writing (True), or no longer (False). The user stopped waiting (cancel_save): nothing was stored, the sheet keeps what was typed. What the signed-in member may do: a source they may not add readings to is shown, not typed in. The round&apos;s time (every reading gets it); now to the minute until the user changes it. Where a committed round is recorded for Edit → Undo (None: not recorded). Period starts the user set, by (source id, metric id); the others start at the previous reading.</extracomment>
        <translation>Geben Sie mindestens einen Wert ein: Leere Zeilen werden übersprungen.</translation>
    </message>
    <message>
        <source>A source of the round no longer exists: refresh and try again.</source>
        <translation>Eine Messstelle der Runde gibt es nicht mehr: Aktualisieren Sie und versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>MetricKind</name>
    <message>
        <source>Counter</source>
        <extracomment>What an export appends to an interval metric&apos;s name for the column of its periods&apos; starts (``Day start``); an import reads such a column back as the starts of ``Day``&apos;s values. A cumulative register (kWh meter, water meter): consumption is the difference. The value is an amount over its own period [start, end): 15 minutes of a smart meter, a day of a portal export, a bill, a delivery of oil. The reading&apos;s time is the period&apos;s end. An instantaneous value (temperature, tank level).</extracomment>
        <translation>Zählerstand</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Intervall</translation>
    </message>
    <message>
        <source>Gauge</source>
        <translation>Momentanwert</translation>
    </message>
</context>
<context>
    <name>MetricsDelegate</name>
    <message>
        <source>Name, e.g. Day</source>
        <extracomment>Keys of metrics not stored yet (negative, so they never meet a stored id). What meter changes and tariffs in the form refer to: the id, or a negative number if new. The Metric of a row (position = row).</extracomment>
        <translation>Name, z. B. Tag</translation>
    </message>
    <message>
        <source>e.g. kWh</source>
        <translation>z. B. kWh</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Move to a Shared Server</source>
        <extracomment>Default PostgreSQL port.</extracomment>
        <translation>Auf gemeinsamen Server umziehen</translation>
    </message>
    <message>
        <source>Copy this household (every member, source, reading, meter change and tariff) into an empty PostgreSQL database, so that several computers can use it at once. The file on this computer is not changed.</source>
        <translation>Diesen Haushalt (alle Mitglieder, Messstellen, Ablesungen, Zählerwechsel und Tarife) in eine leere PostgreSQL-Datenbank kopieren, damit mehrere Computer ihn gleichzeitig nutzen können. Die Datei auf diesem Computer bleibt unverändert.</translation>
    </message>
    <message>
        <source>e.g. nas.local or 192.168.1.20</source>
        <translation>z. B. nas.local oder 192.168.1.20</translation>
    </message>
    <message>
        <source>an empty database, e.g. homelog</source>
        <translation>eine leere Datenbank, z. B. homelog</translation>
    </message>
    <message>
        <source>the database&apos;s owner</source>
        <translation>der Eigentümer der Datenbank</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>The user needs to own the database and to be allowed to create roles (CREATEROLE).</source>
        <translation>Der Benutzer muss Eigentümer der Datenbank sein und Rollen anlegen dürfen (CREATEROLE).</translation>
    </message>
    <message>
        <source>Signing in on the server</source>
        <translation>Anmeldung am Server</translation>
    </message>
    <message>
        <source>Your password on the server:</source>
        <translation>Ihr Passwort auf dem Server:</translation>
    </message>
    <message>
        <source>Pa&amp;ssword:</source>
        <translation>Pa&amp;sswort:</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <source>Every member gets a sign-in of their own on the server. The others can sign in once you have set their passwords (File → Household Members).</source>
        <translation>Jedes Mitglied erhält eine eigene Anmeldung auf dem Server. Die anderen können sich anmelden, sobald Sie ihre Passwörter gesetzt haben (Datei → Haushaltsmitglieder).</translation>
    </message>
    <message>
        <source>&amp;Move to Server</source>
        <translation>Auf Server &amp;umziehen</translation>
    </message>
    <message>
        <source>&amp;Open the Server Database</source>
        <translation>Server-Datenbank ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>{name} administers this household. Choose {name}&apos;s password for signing in on the server (at least 10 characters):</source>
        <translation>{name} verwaltet diesen Haushalt. Wählen Sie das Passwort von {name} für die Anmeldung am Server (mindestens 10 Zeichen):</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Stop the copy: the server keeps nothing of it</source>
        <translation>Das Kopieren abbrechen: Der Server behält nichts davon</translation>
    </message>
    <message>
        <source>The two passwords differ: type the same password twice</source>
        <translation>Die beiden Passwörter unterscheiden sich: Geben Sie zweimal dasselbe Passwort ein</translation>
    </message>
    <message>
        <source>Fill in the server&apos;s address, database and user</source>
        <translation>Geben Sie Adresse, Datenbank und Benutzer des Servers ein</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Breche ab…</translation>
    </message>
    <message numerus="yes">
        <source>{done} of %Ln row(s)</source>
        <translation>
            <numerusform>{done} von %Ln Zeile</numerusform>
            <numerusform>{done} von %Ln Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;The household is on the server:&lt;/b&gt; {place}.</source>
        <translation>&lt;b&gt;Der Haushalt liegt auf dem Server:&lt;/b&gt; {place}.</translation>
    </message>
    <message>
        <source>Copied {what}; every table was checked on both sides.</source>
        <translation>{what} kopiert; jede Tabelle wurde auf beiden Seiten geprüft.</translation>
    </message>
    <message>
        <source>The file on this computer was not changed: {file}.</source>
        <translation>Die Datei auf diesem Computer wurde nicht verändert: {file}.</translation>
    </message>
    <message>
        <source>Still without a password on the server: {names} (Household Members).</source>
        <translation>Noch ohne Passwort auf dem Server: {names} (Haushaltsmitglieder).</translation>
    </message>
    <message>
        <source>The copy was cancelled. The server database holds nothing of it.</source>
        <translation>Das Kopieren wurde abgebrochen. Die Server-Datenbank enthält nichts davon.</translation>
    </message>
    <message>
        <source>The household was not moved: {reason}</source>
        <translation>Der Haushalt wurde nicht umgezogen: {reason}</translation>
    </message>
    <message>
        <source>Connecting to the server and preparing the database…</source>
        <extracomment>What the dialog says while the copy runs, by stage.</extracomment>
        <translation>Verbinde mit dem Server und bereite die Datenbank vor…</translation>
    </message>
    <message>
        <source>Copying…</source>
        <translation>Kopiere…</translation>
    </message>
    <message>
        <source>Checking every table on both sides and setting up the members&apos; sign-in…</source>
        <translation>Prüfe jede Tabelle auf beiden Seiten und richte die Anmeldung der Mitglieder ein…</translation>
    </message>
</context>
<context>
    <name>Passwords</name>
    <message>
        <source>The password is too short: use at least {most} characters (a few words with spaces are fine).</source>
        <extracomment>Fewest characters a password may have. Most characters a password may have. Parts of a name or e-mail shorter than this are not looked for inside a password. A password problem is one of the rules&apos; issues (always an error: none can be accepted). Runs a password must not be a piece of (also backwards): digits round the clock, keyboard rows.</extracomment>
        <translation>Das Passwort ist zu kurz: Verwenden Sie mindestens {most} Zeichen (ein paar Wörter mit Leerzeichen sind in Ordnung).</translation>
    </message>
    <message>
        <source>The password is too long: use at most {most} characters.</source>
        <translation>Das Passwort ist zu lang: Verwenden Sie höchstens {most} Zeichen.</translation>
    </message>
    <message>
        <source>The password repeats one character: anyone could guess it.</source>
        <translation>Das Passwort wiederholt ein einziges Zeichen: Jeder könnte es erraten.</translation>
    </message>
    <message>
        <source>The password is a simple sequence (like 1234…): anyone could guess it.</source>
        <translation>Das Passwort ist eine einfache Folge (wie 1234…): Jeder könnte es erraten.</translation>
    </message>
    <message>
        <source>The password must not contain your name: others know it.</source>
        <translation>Das Passwort darf Ihren Namen nicht enthalten: Andere kennen ihn.</translation>
    </message>
    <message>
        <source>The password must not contain your e-mail address: others know it.</source>
        <translation>Das Passwort darf Ihre E-Mail-Adresse nicht enthalten: Andere kennen sie.</translation>
    </message>
    <message>
        <source>The two passwords differ: type the same password twice.</source>
        <translation>Die beiden Passwörter unterscheiden sich: Geben Sie zweimal dasselbe Passwort ein.</translation>
    </message>
</context>
<context>
    <name>Period</name>
    <message>
        <source>Day</source>
        <extracomment>Seconds of a 24-hour day.</extracomment>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Quartal</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <source>Billing year</source>
        <translation>Abrechnungsjahr</translation>
    </message>
    <message>
        <source>Heating season</source>
        <translation>Heizperiode</translation>
    </message>
    <message>
        <source>per day</source>
        <translation>pro Tag</translation>
    </message>
    <message>
        <source>per week</source>
        <translation>pro Woche</translation>
    </message>
    <message>
        <source>per month</source>
        <translation>pro Monat</translation>
    </message>
    <message>
        <source>per quarter</source>
        <translation>pro Quartal</translation>
    </message>
    <message>
        <source>per year</source>
        <translation>pro Jahr</translation>
    </message>
    <message>
        <source>per billing year</source>
        <translation>pro Abrechnungsjahr</translation>
    </message>
    <message>
        <source>per heating season</source>
        <translation>pro Heizperiode</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <source>yours</source>
        <extracomment>A member id no member has: &quot;another member&quot; for ``can_change_owner``. What ``can`` answers when nobody is signed in. member id -&gt; name, to word the reasons (&quot;Only Ann (the owner) …&quot;).</extracomment>
        <translation>gehört Ihnen</translation>
    </message>
    <message>
        <source>nobody&apos;s</source>
        <translation>ohne Eigentümer</translation>
    </message>
    <message>
        <source>another member</source>
        <translation>einem anderen Mitglied</translation>
    </message>
    <message>
        <source>{name}&apos;s</source>
        <translation>gehört {name}</translation>
    </message>
    <message>
        <source>{whose}, private</source>
        <translation>{whose}, privat</translation>
    </message>
    <message>
        <source>, members add readings</source>
        <translation>, Mitglieder erfassen Ablesungen</translation>
    </message>
    <message>
        <source>{whose}, public</source>
        <translation>{whose}, öffentlich</translation>
    </message>
</context>
<context>
    <name>Preset</name>
    <message>
        <source>Last 12 months</source>
        <translation>Letzte 12 Monate</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Dieses Jahr</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>Letztes Jahr</translation>
    </message>
    <message>
        <source>Last 3 years</source>
        <translation>Letzte 3 Jahre</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>The first rows of the file as they will be stored.</source>
        <translation>Die ersten Zeilen der Datei, wie sie gespeichert werden.</translation>
    </message>
    <message>
        <source>Preview of the rows as they will be stored</source>
        <translation>Vorschau der Zeilen, wie sie gespeichert werden</translation>
    </message>
    <message>
        <source>Reading the first rows…</source>
        <translation>Lese die ersten Zeilen…</translation>
    </message>
    <message>
        <source>Skip invalid rows and list them in the summary</source>
        <translation>Ungültige Zeilen überspringen und in der Zusammenfassung aufführen</translation>
    </message>
    <message>
        <source>Otherwise the first invalid row stops the import, and nothing is stored.</source>
        <translation>Sonst bricht die erste ungültige Zeile den Import ab, und nichts wird gespeichert.</translation>
    </message>
    <message>
        <source>The only row of the file</source>
        <translation>Die einzige Zeile der Datei</translation>
    </message>
    <message>
        <source>The file has no data rows.</source>
        <translation>Die Datei hat keine Datenzeilen.</translation>
    </message>
    <message>
        <source>are all fine.</source>
        <translation>sind in Ordnung.</translation>
    </message>
    <message>
        <source>include </source>
        <translation>enthalten </translation>
    </message>
</context>
<context>
    <name>PreviewTableModel</name>
    <message>
        <source>Line</source>
        <extracomment>(title, file column, decimals) of each metric shown after Line and Time. file column -&gt; unit of the metrics of amounts per period: their cells show the value with its period.</extracomment>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>ProblemDialog</name>
    <message>
        <source>Home Log cannot open your data on the server {server}.</source>
        <translation>Home Log kann Ihre Daten auf dem Server {server} nicht öffnen.</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>“{url}” is not a database URL: use sqlite+aiosqlite:///path/to/file.db or postgresql+asyncpg://user@host/database.</source>
        <extracomment>One sentence or two: the cause, then what to do. Never a password.</extracomment>
        <translation>„{url}“ ist keine Datenbank-URL: Verwenden Sie sqlite+aiosqlite:///pfad/zur/datei.db oder postgresql+asyncpg://benutzer@host/datenbank.</translation>
    </message>
    <message>
        <source>Home Log needs the asyncpg driver for PostgreSQL: write the URL as {url}, starting with postgresql+asyncpg:// instead of {scheme}://.</source>
        <translation>Home Log braucht für PostgreSQL den Treiber asyncpg: Schreiben Sie die URL als {url}, also mit postgresql+asyncpg:// statt {scheme}:// am Anfang.</translation>
    </message>
    <message>
        <source>use sqlite+aiosqlite:///… for a SQLite file, not {scheme}://….</source>
        <translation>verwenden Sie für eine SQLite-Datei sqlite+aiosqlite:///…, nicht {scheme}://….</translation>
    </message>
    <message>
        <source>Home Log works with SQLite files and PostgreSQL servers, not {scheme}://…; use sqlite+aiosqlite:///path/to/file.db or postgresql+asyncpg://user@host/database.</source>
        <translation>Home Log arbeitet mit SQLite-Dateien und PostgreSQL-Servern, nicht mit {scheme}://…; verwenden Sie sqlite+aiosqlite:///pfad/zur/datei.db oder postgresql+asyncpg://benutzer@host/datenbank.</translation>
    </message>
    <message>
        <source> in the URL</source>
        <translation> in der URL</translation>
    </message>
    <message>
        <source>The database server&apos;s name in {place} is unknown ({reason}). Check the host name in the URL and the network.</source>
        <extracomment>user:password@ in a URL (any scheme); the password part is replaced by ***.</extracomment>
        <translation>Der Name des Datenbankservers in {place} ist unbekannt ({reason}). Prüfen Sie den Hostnamen in der URL und das Netzwerk.</translation>
    </message>
    <message>
        <source>The database server&apos;s name in the URL is unknown ({reason}). Check the host name in the URL and the network.</source>
        <translation>Der Name des Datenbankservers in der URL ist unbekannt ({reason}). Prüfen Sie den Hostnamen in der URL und das Netzwerk.</translation>
    </message>
    <message>
        <source>The database server at {place} did not answer in time. Check that it is running and reachable, then try again.</source>
        <translation>Der Datenbankserver unter {place} hat nicht rechtzeitig geantwortet. Prüfen Sie, ob er läuft und erreichbar ist, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The database server at the URL did not answer in time. Check that it is running and reachable, then try again.</source>
        <translation>Der Datenbankserver unter der URL hat nicht rechtzeitig geantwortet. Prüfen Sie, ob er läuft und erreichbar ist, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The database URL cannot be read: {reason}.</source>
        <translation>Die Datenbank-URL lässt sich nicht lesen: {reason}.</translation>
    </message>
    <message>
        <source>The database server at {place} refused the login of the user “{user}”: a wrong password, or no such user. Check the user name and password in the URL.</source>
        <translation>Der Datenbankserver unter {place} hat die Anmeldung des Benutzers „{user}“ abgelehnt: ein falsches Passwort oder kein solcher Benutzer. Prüfen Sie Benutzername und Passwort in der URL.</translation>
    </message>
    <message>
        <source>The database server at {place} refused the login: a wrong password, or no such user. Check the user name and password in the URL.</source>
        <translation>Der Datenbankserver unter {place} hat die Anmeldung abgelehnt: ein falsches Passwort oder kein solcher Benutzer. Prüfen Sie Benutzername und Passwort in der URL.</translation>
    </message>
    <message>
        <source>The database server at {place} does not let the user “{user}” in ({reason}). Check the user name in the URL, or ask the server&apos;s administrator for access.</source>
        <translation>Der Datenbankserver unter {place} lässt den Benutzer „{user}“ nicht herein ({reason}). Prüfen Sie den Benutzernamen in der URL oder bitten Sie den Administrator des Servers um Zugang.</translation>
    </message>
    <message>
        <source>The database server at {place} does not let this user in ({reason}). Check the user name in the URL, or ask the server&apos;s administrator for access.</source>
        <translation>Der Datenbankserver unter {place} lässt diesen Benutzer nicht herein ({reason}). Prüfen Sie den Benutzernamen in der URL oder bitten Sie den Administrator des Servers um Zugang.</translation>
    </message>
    <message>
        <source>The database server has no database {name} ({place}). Check the name in the URL, or create it (createdb NAME).</source>
        <translation>Der Datenbankserver hat keine Datenbank {name} ({place}). Prüfen Sie den Namen in der URL oder legen Sie sie an (createdb NAME).</translation>
    </message>
    <message>
        <source>The database server at {place} has too many connections. Try again in a moment.</source>
        <translation>Der Datenbankserver unter {place} hat zu viele Verbindungen. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The database server at {place} does not allow this ({reason}). Ask the server&apos;s administrator for the rights Home Log needs.</source>
        <translation>Der Datenbankserver unter {place} erlaubt das nicht ({reason}). Bitten Sie den Administrator des Servers um die Rechte, die Home Log braucht.</translation>
    </message>
    <message>
        <source>The connection to the database server at {place} was lost; what was in progress was not saved. Try again when the server is back.</source>
        <translation>Die Verbindung zum Datenbankserver unter {place} ist abgebrochen; was gerade lief, wurde nicht gespeichert. Versuchen Sie es erneut, sobald der Server wieder da ist.</translation>
    </message>
    <message>
        <source>The connection to the database server was lost; what was in progress was not saved. Try again when the server is back.</source>
        <translation>Die Verbindung zum Datenbankserver ist abgebrochen; was gerade lief, wurde nicht gespeichert. Versuchen Sie es erneut, sobald der Server wieder da ist.</translation>
    </message>
    <message>
        <source>PostgreSQL support is not installed: pip install &apos;homelog-desktop[postgres]&apos; (asyncpg).</source>
        <translation>Die Unterstützung für PostgreSQL ist nicht installiert: pip install &apos;homelog-desktop[postgres]&apos; (asyncpg).</translation>
    </message>
    <message>
        <source>{name} is on a read-only disk; nothing was changed. Use a writable folder (--data-dir FOLDER), or remount the disk writable.</source>
        <translation>{name} liegt auf einem schreibgeschützten Datenträger; nichts wurde geändert. Verwenden Sie einen beschreibbaren Ordner (--data-dir ORDNER) oder hängen Sie den Datenträger beschreibbar ein.</translation>
    </message>
    <message>
        <source>The data is on a read-only disk; nothing was changed. Use a writable folder (--data-dir FOLDER), or remount the disk writable.</source>
        <translation>Die Daten liegen auf einem schreibgeschützten Datenträger; nichts wurde geändert. Verwenden Sie einen beschreibbaren Ordner (--data-dir ORDNER) oder hängen Sie den Datenträger beschreibbar ein.</translation>
    </message>
    <message>
        <source>No permission to use {name}; nothing was changed. Make it readable and writable for your user, or use another folder (--data-dir FOLDER).</source>
        <translation>Keine Berechtigung für {name}; nichts wurde geändert. Machen Sie es für Ihren Benutzer les- und schreibbar oder verwenden Sie einen anderen Ordner (--data-dir ORDNER).</translation>
    </message>
    <message>
        <source>No permission; nothing was changed. Make the data readable and writable for your user, or use another folder (--data-dir FOLDER).</source>
        <translation>Keine Berechtigung; nichts wurde geändert. Machen Sie die Daten für Ihren Benutzer les- und schreibbar oder verwenden Sie einen anderen Ordner (--data-dir ORDNER).</translation>
    </message>
    <message>
        <source>{name} does not exist.</source>
        <translation>{name} existiert nicht.</translation>
    </message>
    <message>
        <source>A file does not exist.</source>
        <translation>Eine Datei existiert nicht.</translation>
    </message>
    <message>
        <source>No database server answers at {place}. Check the host and port in the URL and that the server is running.</source>
        <translation>Unter {place} antwortet kein Datenbankserver. Prüfen Sie Host und Port in der URL und ob der Server läuft.</translation>
    </message>
    <message>
        <source>No database server answers at the address in the URL. Check the host and port in the URL and that the server is running.</source>
        <translation>Unter der Adresse in der URL antwortet kein Datenbankserver. Prüfen Sie Host und Port in der URL und ob der Server läuft.</translation>
    </message>
    <message>
        <source>The database server at {place} cannot be reached ({reason}). Check the network and the host in the URL.</source>
        <translation>Der Datenbankserver unter {place} ist nicht erreichbar ({reason}). Prüfen Sie das Netzwerk und den Host in der URL.</translation>
    </message>
    <message>
        <source>The database server at the URL cannot be reached ({reason}). Check the network and the host in the URL.</source>
        <translation>Der Datenbankserver unter der URL ist nicht erreichbar ({reason}). Prüfen Sie das Netzwerk und den Host in der URL.</translation>
    </message>
    <message>
        <source>The disk reported an error reading or writing {name}; nothing was changed. Check the disk, then try again.</source>
        <translation>Der Datenträger meldete einen Fehler beim Lesen oder Schreiben von {name}; nichts wurde geändert. Prüfen Sie den Datenträger und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The disk reported an error; nothing was changed. Check the disk, then try again.</source>
        <translation>Der Datenträger meldete einen Fehler; nichts wurde geändert. Prüfen Sie den Datenträger und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The data file {file} is busy: another program is using it. Nothing was changed; try again when it has finished.</source>
        <translation>Die Datendatei {file} ist belegt: Ein anderes Programm verwendet sie. Nichts wurde geändert; versuchen Sie es erneut, wenn es fertig ist.</translation>
    </message>
    <message>
        <source>The data file is busy: another program is using it. Nothing was changed; try again when it has finished.</source>
        <translation>Die Datendatei ist belegt: Ein anderes Programm verwendet sie. Nichts wurde geändert; versuchen Sie es erneut, wenn es fertig ist.</translation>
    </message>
    <message>
        <source>The data file {file} is read-only; nothing was changed. Make it (and its folder) writable for your user, or use another folder (--data-dir FOLDER).</source>
        <translation>Die Datendatei {file} ist schreibgeschützt; nichts wurde geändert. Machen Sie sie (und ihren Ordner) für Ihren Benutzer beschreibbar oder verwenden Sie einen anderen Ordner (--data-dir ORDNER).</translation>
    </message>
    <message>
        <source>The data file is read-only; nothing was changed. Make it (and its folder) writable for your user, or use another folder (--data-dir FOLDER).</source>
        <translation>Die Datendatei ist schreibgeschützt; nichts wurde geändert. Machen Sie sie (und ihren Ordner) für Ihren Benutzer beschreibbar oder verwenden Sie einen anderen Ordner (--data-dir ORDNER).</translation>
    </message>
    <message>
        <source>The data file {file} is damaged ({reason}). It was not changed: run homelog check, then restore a backup with homelog restore FILE (backups are in the data folder&apos;s backups/).</source>
        <translation>Die Datendatei {file} ist beschädigt ({reason}). Sie wurde nicht geändert: Führen Sie homelog check aus und stellen Sie dann eine Sicherung mit homelog restore DATEI wieder her (Sicherungen liegen im Ordner backups/ des Datenordners).</translation>
    </message>
    <message>
        <source>The data file is damaged ({reason}). It was not changed: run homelog check, then restore a backup with homelog restore FILE (backups are in the data folder&apos;s backups/).</source>
        <translation>Die Datendatei ist beschädigt ({reason}). Sie wurde nicht geändert: Führen Sie homelog check aus und stellen Sie dann eine Sicherung mit homelog restore DATEI wieder her (Sicherungen liegen im Ordner backups/ des Datenordners).</translation>
    </message>
    <message>
        <source>The data file {file} cannot be opened ({reason}); nothing was changed. Check that it and its folder exist and are writable, and that the disk is working.</source>
        <translation>Die Datendatei {file} lässt sich nicht öffnen ({reason}); nichts wurde geändert. Prüfen Sie, ob sie und ihr Ordner existieren und beschreibbar sind und ob der Datenträger funktioniert.</translation>
    </message>
    <message>
        <source>The data file cannot be opened ({reason}); nothing was changed. Check that it and its folder exist and are writable, and that the disk is working.</source>
        <translation>Die Datendatei lässt sich nicht öffnen ({reason}); nichts wurde geändert. Prüfen Sie, ob sie und ihr Ordner existieren und beschreibbar sind und ob der Datenträger funktioniert.</translation>
    </message>
    <message>
        <source>Home Log cannot write to {folder}: a file is in the way where the folder should be. Nothing was changed. Move the file, or keep the data elsewhere (homelog --data-dir FOLDER).</source>
        <translation>Home Log kann nicht in {folder} schreiben: Wo der Ordner sein sollte, liegt eine Datei. Nichts wurde geändert. Verschieben Sie die Datei oder legen Sie die Daten woanders ab (homelog --data-dir ORDNER).</translation>
    </message>
    <message>
        <source>The folder {folder} is read-only; nothing was changed. Make it writable for your user, or use another folder (--data-dir FOLDER).</source>
        <translation>Der Ordner {folder} ist schreibgeschützt; nichts wurde geändert. Machen Sie ihn für Ihren Benutzer beschreibbar oder verwenden Sie einen anderen Ordner (--data-dir ORDNER).</translation>
    </message>
    <message>
        <source>Home Log cannot write to {folder} ({reason}); nothing was changed.</source>
        <translation>Home Log kann nicht in {folder} schreiben ({reason}); nichts wurde geändert.</translation>
    </message>
    <message>
        <source>The disk is full (writing {file}); nothing was changed. Make room on the disk, then try again.</source>
        <translation>Der Datenträger ist voll (beim Schreiben von {file}); nichts wurde geändert. Schaffen Sie Platz auf dem Datenträger und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The disk is full; nothing was changed. Make room on the disk, then try again.</source>
        <translation>Der Datenträger ist voll; nichts wurde geändert. Schaffen Sie Platz auf dem Datenträger und versuchen Sie es dann erneut.</translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <source>Importing</source>
        <translation>Importiere</translation>
    </message>
    <message>
        <source>Cancel stops the import and undoes it: nothing is stored then.</source>
        <translation>Abbrechen beendet den Import und macht ihn rückgängig: Dann wird nichts gespeichert.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Starte…</translation>
    </message>
    <message>
        <source>Cancelling: undoing what was imported…</source>
        <translation>Breche ab: mache den Import rückgängig…</translation>
    </message>
</context>
<context>
    <name>Prompts</name>
    <message>
        <source>Copying the backup</source>
        <extracomment>The steps of a backup&apos;s or a restore&apos;s copies, as the status bar names them.</extracomment>
        <translation>Kopiere die Sicherung</translation>
    </message>
    <message>
        <source>Keeping a copy of your current data</source>
        <translation>Sichere Ihre aktuellen Daten</translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation>Sichere</translation>
    </message>
    <message>
        <source>Backed up to {path} ({size})</source>
        <translation>Gesichert nach {path} ({size})</translation>
    </message>
    <message>
        <source>This file cannot be restored.</source>
        <translation>Diese Datei kann nicht wiederhergestellt werden.</translation>
    </message>
    <message>
        <source>Your data has not been changed.</source>
        <translation>Ihre Daten wurden nicht verändert.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Open which Home Log file?</source>
        <translation>Welche Home-Log-Datei öffnen?</translation>
    </message>
</context>
<context>
    <name>ReadingDialog</name>
    <message>
        <source>Save</source>
        <extracomment>Milliseconds the timestamp must stay unchanged before the readings around it are loaded. Texts of the save button in its three states.</extracomment>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>Trotzdem speichern</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Speichere…</translation>
    </message>
    <message>
        <source>The meter was exchanged: enter the old meter&apos;s final value and the new meter&apos;s start value</source>
        <extracomment>Width the dialog opens with at least, so that it does not look cramped for a single metric.</extracomment>
        <translation>Der Zähler wurde getauscht: Geben Sie den Endstand des alten und den Anfangsstand des neuen Zählers ein</translation>
    </message>
    <message>
        <source>The register was set back: enter the value before the reset (and after it, if not zero)</source>
        <translation>Das Zählwerk wurde zurückgesetzt: Geben Sie den Stand davor ein (und danach, falls nicht null)</translation>
    </message>
    <message>
        <source>The register passed its largest value and started again from zero</source>
        <translation>Das Zählwerk hat seinen größten Wert überschritten und wieder bei null begonnen</translation>
    </message>
    <message>
        <source>not known</source>
        <extracomment>The earliest period start the form offers; the field shows NO_START_TEXT there (no start).</extracomment>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>The amount is what was used from this moment up to the reading&apos;s time. By default the period starts at the previous reading; change it for a bill or a delivery that covers another period.</source>
        <translation>Die Menge ist der Verbrauch von diesem Zeitpunkt bis zum Zeitpunkt der Ablesung. Standardmäßig beginnt der Zeitraum bei der vorigen Ablesung; ändern Sie ihn für eine Rechnung oder Lieferung, die einen anderen Zeitraum abdeckt.</translation>
    </message>
    <message>
        <source>New reading</source>
        <extracomment>Under the message: what to do about a counter that went down, or the meter change recorded. Interval metrics: where the amount&apos;s period starts (the reading&apos;s time is its end). True once the user set the start; otherwise it follows the previous reading. Keys (see warning_key) of the warnings the user accepted with &quot;Save anyway&quot;. Warnings the view model&apos;s save-time check found, shown until the form changes. Meter changes recorded in this dialog, by metric id: saved with the reading. The question after a conflicting save, while it is open (tests answer it). The user kept editing after a conflict: the next Save overwrites the other change. True while the form itself sets a period start (not the user).</extracomment>
        <translation>Neue Ablesung</translation>
    </message>
    <message>
        <source>Edit reading</source>
        <translation>Ablesung bearbeiten</translation>
    </message>
    <message>
        <source>Discard this reading?</source>
        <translation>Diese Ablesung verwerfen?</translation>
    </message>
    <message>
        <source>The values you typed have not been saved.</source>
        <translation>Die eingegebenen Werte wurden nicht gespeichert.</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>Diese Meldung ausblenden</translation>
    </message>
    <message>
        <source>Time of the reading</source>
        <translation>Zeitpunkt der Ablesung</translation>
    </message>
    <message>
        <source>&amp;Time</source>
        <translation>&amp;Zeitpunkt</translation>
    </message>
    <message>
        <source>not read</source>
        <translation>nicht abgelesen</translation>
    </message>
    <message>
        <source>previous {value} on {day}</source>
        <translation>vorher {value} am {day}</translation>
    </message>
    <message>
        <source>Meter replaced…</source>
        <translation>Zähler getauscht…</translation>
    </message>
    <message>
        <source>Meter reset…</source>
        <translation>Zähler zurückgesetzt…</translation>
    </message>
    <message>
        <source>Register rolled over</source>
        <translation>Zählwerk übergelaufen</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Ändern…</translation>
    </message>
    <message>
        <source>Change the meter change</source>
        <translation>Den Zählerwechsel ändern</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Do not record a meter change</source>
        <translation>Keinen Zählerwechsel erfassen</translation>
    </message>
    <message>
        <source>Anything worth remembering about this reading</source>
        <translation>Alles, was zu dieser Ablesung zu merken ist</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>N&amp;otiz</translation>
    </message>
    <message>
        <source>&amp;Estimated</source>
        <translation>&amp;Geschätzt</translation>
    </message>
    <message>
        <source>The value was estimated, not read from the meter</source>
        <translation>Der Wert wurde geschätzt, nicht vom Zähler abgelesen</translation>
    </message>
    <message>
        <source>From a &amp;bill</source>
        <translation>Aus einer &amp;Rechnung</translation>
    </message>
    <message>
        <source>The value was copied from a bill or a statement</source>
        <translation>Der Wert stammt aus einer Rechnung oder Abrechnung</translation>
    </message>
    <message>
        <source>Entered &amp;by</source>
        <translation>Eingegeben &amp;von</translation>
    </message>
    <message>
        <source>{metric}: start of the period</source>
        <translation>{metric}: Beginn des Zeitraums</translation>
    </message>
    <message>
        <source>for the period from</source>
        <translation>für den Zeitraum ab</translation>
    </message>
    <message>
        <source>Since the previous reading</source>
        <translation>Seit der vorigen Ablesung</translation>
    </message>
    <message>
        <source>Start the period at the previous reading (the default)</source>
        <translation>Den Zeitraum bei der vorigen Ablesung beginnen (Standard)</translation>
    </message>
    <message>
        <source>Save again to overwrite it.</source>
        <translation>Speichern Sie erneut, um sie zu überschreiben.</translation>
    </message>
    <message>
        <source>Reloaded: the form shows the reading as it is stored now.</source>
        <translation>Neu geladen: Das Formular zeigt die Ablesung, wie sie jetzt gespeichert ist.</translation>
    </message>
    <message>
        <source>Correct the value marked in red to save.</source>
        <translation>Korrigieren Sie den rot markierten Wert, um zu speichern.</translation>
    </message>
    <message>
        <source>Correct the values marked in red to save.</source>
        <translation>Korrigieren Sie die rot markierten Werte, um zu speichern.</translation>
    </message>
    <message>
        <source>Enter at least one value to save.</source>
        <translation>Geben Sie mindestens einen Wert ein, um zu speichern.</translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>eine Warnung</numerusform>
            <numerusform>%n Warnungen</numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ Please check {count} above. If the values are right, choose “{save}”.</source>
        <translation>⚠ Bitte prüfen Sie {count} oben. Wenn die Werte stimmen, wählen Sie „{save}“.</translation>
    </message>
    <message>
        <source>Accept the warnings shown and save</source>
        <translation>Die angezeigten Warnungen akzeptieren und speichern</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>Speichern (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>no earlier reading</source>
        <translation>keine frühere Ablesung</translation>
    </message>
    <message>
        <source>next {value} on {day}</source>
        <translation>danach {value} am {day}</translation>
    </message>
    <message>
        <source> (across the meter change)</source>
        <translation> (über den Zählerwechsel hinweg)</translation>
    </message>
    <message>
        <source>Used since {day}</source>
        <translation>Verbrauch seit {day}</translation>
    </message>
    <message>
        <source>Saved together with the reading</source>
        <translation>Wird zusammen mit der Ablesung gespeichert</translation>
    </message>
    <message>
        <source>✔ Register rolled over after {value} on {time}</source>
        <translation>✔ Zählwerk nach {value} übergelaufen am {time}</translation>
    </message>
    <message>
        <source>Meter reset</source>
        <translation>Zähler zurückgesetzt</translation>
    </message>
    <message>
        <source>Meter replaced</source>
        <translation>Zähler getauscht</translation>
    </message>
    <message>
        <source>✔ {what} on {time}: old {old} → new {new}</source>
        <translation>✔ {what} am {time}: alt {old} → neu {new}</translation>
    </message>
</context>
<context>
    <name>Readings</name>
    <message>
        <source>Date and time</source>
        <extracomment>Rows fetched per query. Pages kept in memory (least recently shown pages are dropped first). Shown in the first cell of a row that is still loading. Space between a cell&apos;s edge and its text, so a right-aligned number never touches the next text. The longest note text kept for display (the view elides it anyway; the tooltip has it all).</extracomment>
        <translation>Datum und Uhrzeit</translation>
    </message>
    <message>
        <source>When the meter was read (local time)</source>
        <translation>Wann der Zähler abgelesen wurde (Ortszeit)</translation>
    </message>
    <message>
        <source>%1 as read</source>
        <translation>%1 wie abgelesen</translation>
    </message>
    <message>
        <source>Entered by</source>
        <translation>Eingegeben von</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>est.</source>
        <extracomment>The native value of a cell, for sorting (datetime, float, str). The ReadingLine of the row. vm.generation when the model was last reset: what the rows show. Counts resets, so that a page requested before a reset is dropped whatever its generation. How many page loads were started (for tests and benchmarks).</extracomment>
        <translation>geschätzt</translation>
    </message>
    <message>
        <source>Estimated reading</source>
        <translation>Geschätzte Ablesung</translation>
    </message>
    <message>
        <source>bill</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <source>Taken from a bill</source>
        <translation>Aus einer Rechnung übernommen</translation>
    </message>
    <message>
        <source>The amount from %1 to %2</source>
        <translation>Die Menge von %1 bis %2</translation>
    </message>
    <message>
        <source>Its period&apos;s start is not known: this amount is not counted in reports</source>
        <translation>Der Beginn des Zeitraums ist unbekannt: Diese Menge zählt nicht in Berichten</translation>
    </message>
    <message>
        <source>Lower than the previous reading: a meter change, a rollover or a typo?</source>
        <translation>Niedriger als die vorige Ablesung: ein Zählerwechsel, ein Überlauf oder ein Tippfehler?</translation>
    </message>
    <message>
        <source>How much %1 rose since the previous reading</source>
        <translation>Wie stark %1 seit der vorigen Ablesung gestiegen ist</translation>
    </message>
    <message>
        <source>%1 used</source>
        <translation>Verbrauch %1</translation>
    </message>
    <message>
        <source>How much %1 was used since the previous reading</source>
        <translation>Wie viel %1 seit der vorigen Ablesung verbraucht wurde</translation>
    </message>
    <message>
        <source>a removed register</source>
        <extracomment>Years the filter box understands as dates; other numbers are searched for in the notes.</extracomment>
        <translation>ein entferntes Zählwerk</translation>
    </message>
    <message>
        <source>“{change}” on {register}</source>
        <translation>„{change}“ an {register}</translation>
    </message>
    <message>
        <source>The meter change recorded with it ({changes}) is deleted too.</source>
        <translation>Der damit erfasste Zählerwechsel ({changes}) wird ebenfalls gelöscht.</translation>
    </message>
    <message numerus="yes">
        <source>The %n meter changes recorded with them ({changes}) are deleted too.</source>
        <translation>
            <numerusform>Der damit erfasste Zählerwechsel ({changes}) wird ebenfalls gelöscht.</numerusform>
            <numerusform>Die %n damit erfassten Zählerwechsel ({changes}) werden ebenfalls gelöscht.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReadingsChart</name>
    <message>
        <source>No readings in this period</source>
        <extracomment>Up to this many readings, each one is drawn as a dot on the line. Samples drawn per pixel column by the peak downsampling (pyqtgraph&apos;s default: 5). The narrowest time span one can zoom into, in seconds.</extracomment>
        <translation>Keine Ablesungen in diesem Zeitraum</translation>
    </message>
    <message>
        <source>Readings you enter or import for this meter will appear here.</source>
        <translation>Ablesungen, die Sie für diesen Zähler eingeben oder importieren, erscheinen hier.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>kein Wert</translation>
    </message>
</context>
<context>
    <name>RecognisedPage</name>
    <message>
        <source>Recognised</source>
        <translation>Erkannt</translation>
    </message>
    <message>
        <source>Every register of the file becomes a metric with its unit and kind.</source>
        <translation>Jedes Zählwerk der Datei wird eine Messgröße mit ihrer Einheit und Art.</translation>
    </message>
    <message>
        <source>The registers found in the file</source>
        <translation>Die in der Datei gefundenen Zählwerke</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Zählwerk</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Werte</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>A source for each meter of the file, named after it</source>
        <translation>Eine Messstelle je Zähler der Datei, nach ihm benannt</translation>
    </message>
    <message>
        <source>All into one source:</source>
        <translation>Alles in eine Messstelle:</translation>
    </message>
    <message>
        <source>A source of that name is created when there is none (with these metrics)</source>
        <translation>Eine Messstelle dieses Namens wird angelegt, wenn es keine gibt (mit diesen Messgrößen)</translation>
    </message>
    <message>
        <source>Replace readings stored at the same times (otherwise they are kept and skipped)</source>
        <translation>Gespeicherte Ablesungen gleicher Zeitpunkte ersetzen (sonst übersprungen)</translation>
    </message>
    <message>
        <source>Time zone of the file&apos;s times</source>
        <translation>Zeitzone der Zeiten in der Datei</translation>
    </message>
    <message>
        <source>The file’s times (it names no zone) are in</source>
        <translation>Die Zeiten der Datei (sie nennt keine Zeitzone) sind in</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Recognised: {format}</source>
        <translation>Erkannt: {format}</translation>
    </message>
    <message numerus="yes">
        <source>%n register(s)</source>
        <translation>
            <numerusform>%n Zählwerk</numerusform>
            <numerusform>%n Zählwerke</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln values</source>
        <translation>
            <numerusform>%Ln Wert</numerusform>
            <numerusform>%Ln Werte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A source for each of the file’s %n meters, named after it:</source>
        <translation>
            <numerusform>Eine Messstelle für den Zähler der Datei, nach ihm benannt:</numerusform>
            <numerusform>Eine Messstelle je Zähler der Datei (%n), nach ihm benannt:</numerusform>
        </translation>
    </message>
    <message>
        <source>A source named after the meter:</source>
        <translation>Eine Messstelle, nach dem Zähler benannt:</translation>
    </message>
    <message>
        <source>A source named after the file</source>
        <translation>Eine Messstelle, nach der Datei benannt</translation>
    </message>
    <message>
        <source>“{name}”</source>
        <translation>„{name}“</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) or cell(s) of the file cannot be read: each is listed by line in the summary.</source>
        <translation>
            <numerusform>%Ln Zeile oder Zelle der Datei kann nicht gelesen werden: Sie steht mit ihrer Zeile in der Zusammenfassung.</numerusform>
            <numerusform>%Ln Zeilen oder Zellen der Datei können nicht gelesen werden: Jede steht mit ihrer Zeile in der Zusammenfassung.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>The file is damaged: part of it can no longer be read. This can happen after a power cut or a crash while the computer was saving, or on a failing disk or USB stick.</source>
        <extracomment>The kinds of trouble the dialog explains (the values of db.integrity.Health). What each kind of trouble means, in a household&apos;s words.</extracomment>
        <translation>Die Datei ist beschädigt: Ein Teil davon kann nicht mehr gelesen werden. Das kann nach einem Stromausfall oder Absturz während des Speicherns passieren, oder auf einer defekten Festplatte oder einem USB-Stick.</translation>
    </message>
    <message>
        <source>The file is not a Home Log data file: something else was saved under its name, perhaps by another program or by copying the wrong file.</source>
        <translation>Die Datei ist keine Home-Log-Datendatei: Unter ihrem Namen wurde etwas anderes gespeichert, vielleicht von einem anderen Programm oder durch Kopieren der falschen Datei.</translation>
    </message>
    <message>
        <source>Home Log cannot read the file.</source>
        <translation>Home Log kann die Datei nicht lesen.</translation>
    </message>
    <message>
        <source>Home Log — your data file cannot be used</source>
        <translation>Home Log – Ihre Datendatei kann nicht verwendet werden</translation>
    </message>
    <message>
        <source>&lt;b&gt;Home Log cannot open your data file.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Home Log kann Ihre Datendatei nicht öffnen.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The file: {path}</source>
        <translation>Die Datei: {path}</translation>
    </message>
    <message>
        <source>Your newest good backup is from {time}. Restoring it brings your readings back as they were then; anything entered later has to be typed again.</source>
        <translation>Ihre neueste intakte Sicherung stammt vom {time}. Ihre Wiederherstellung bringt Ihre Ablesungen zurück, wie sie damals waren; alles später Eingegebene muss erneut eingegeben werden.</translation>
    </message>
    <message>
        <source>No good backup was found in the backup folder. If you keep a copy elsewhere (another folder, a USB stick), open it with “Open another file…”.</source>
        <translation>Im Sicherungsordner wurde keine intakte Sicherung gefunden. Wenn Sie anderswo eine Kopie haben (ein anderer Ordner, ein USB-Stick), öffnen Sie sie mit „Andere Datei öffnen…“.</translation>
    </message>
    <message>
        <source>Nothing in the file is thrown away: restoring a backup first moves it aside, unchanged, to {name}-damaged-….db in the same folder.</source>
        <translation>Aus der Datei geht nichts verloren: Eine Wiederherstellung verschiebt sie zuerst unverändert nach {name}-damaged-….db im selben Ordner.</translation>
    </message>
    <message>
        <source>Technical details</source>
        <translation>Technische Details</translation>
    </message>
    <message>
        <source>Show the technical details</source>
        <translation>Die technischen Details zeigen</translation>
    </message>
    <message>
        <source>The checker&apos;s own words; select and copy them for whoever helps you.</source>
        <translation>Die Meldung der Prüfung im Wortlaut; markieren und kopieren Sie sie für Ihre Hilfe.</translation>
    </message>
    <message>
        <source>Restore the backup of {time}</source>
        <translation>Die Sicherung vom {time} wiederherstellen</translation>
    </message>
    <message>
        <source>Restore a backup (none found)</source>
        <translation>Eine Sicherung wiederherstellen (keine gefunden)</translation>
    </message>
    <message>
        <source>Open another file…</source>
        <translation>Andere Datei öffnen…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message numerus="yes">
        <source> and %n more</source>
        <extracomment>How many source names a reminder lists before &quot;and N more&quot;. The due sources: &quot;Electricity, Water and 2 more&quot;. The notification&apos;s text (the names and what clicking it does).</extracomment>
        <translation>
            <numerusform> und %n weitere</numerusform>
            <numerusform> und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>A meter reading is due</source>
        <translation>Eine Ablesung ist fällig</translation>
    </message>
    <message numerus="yes">
        <source>%n meter readings are due</source>
        <translation>
            <numerusform>%n Ablesung ist fällig</numerusform>
            <numerusform>%n Ablesungen sind fällig</numerusform>
        </translation>
    </message>
    <message>
        <source>{names}. Click to enter them in the meter round.</source>
        <translation>{names}. Klicken Sie, um sie in der Ableserunde einzugeben.</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Consumption</source>
        <translation>Verbrauch</translation>
    </message>
    <message>
        <source>Metered</source>
        <extracomment>A converted report (kWh): the row&apos;s amount as the meter counts it (m³).</extracomment>
        <translation>Gemessen</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>Pro Tag</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>vs last year</source>
        <translation>zum Vorjahr</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min.</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max.</translation>
    </message>
    <message>
        <source>Same period a year earlier: </source>
        <extracomment>Columns of counters and interval metrics, and of gauges. A converted report&apos;s columns: the metered amount beside the converted one (as the bill shows both). &quot;good&quot;, &quot;bad&quot; or &quot;&quot; for the change column&apos;s colour. The native value of a cell (a Decimal, a date), for sorting. The ReportRow of a row.</extracomment>
        <translation>Gleicher Zeitraum im Vorjahr: </translation>
    </message>
    <message>
        <source>No amount covers this period: a gap in the data</source>
        <translation>Keine Menge deckt diesen Zeitraum ab: eine Lücke in den Daten</translation>
    </message>
    <message numerus="yes">
        <source>Readings cover %1 of its %n day(s)</source>
        <translation>
            <numerusform>Ablesungen decken %1 seines %n Tages ab</numerusform>
            <numerusform>Ablesungen decken %1 seiner %n Tage ab</numerusform>
        </translation>
    </message>
    <message>
        <source> (%1 days in a gap between amounts, not counted as zero)</source>
        <translation> (%1 Tage in einer Lücke zwischen Mengen, nicht als null gezählt)</translation>
    </message>
    <message>
        <source>not covered</source>
        <extracomment>The consumption cell of a row of an interval metric that lies wholly in a gap between periods.</extracomment>
        <translation>nicht abgedeckt</translation>
    </message>
    <message>
        <source>%1 per day</source>
        <translation>%1 pro Tag</translation>
    </message>
    <message>
        <source>Cost (%1)</source>
        <translation>Kosten (%1)</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <source>To</source>
        <extracomment>Interval metrics: days of the row, between the first and last period, that no period covers. A converted report (kWh): the row&apos;s consumption in the metered unit (m³); else None. The projected year (method named: last year&apos;s seasonal profile, or the recent rate); see domain.projection. Things the user should know about the figures (a counter going down with no meter change). The metric as metered when the report is converted (``metric`` then carries the converted unit). The metric has conversion factors: the report can be shown in either unit. The current billing year&apos;s advances, cost so far and forecast settlement of the source (all its usage registers, domain/settlement.py): a source with advance payments; else None. The unit the conversion factors convert into (kWh), whichever unit is shown; None without factors.</extracomment>
        <translation>Bis</translation>
    </message>
    <message>
        <source>must be after the start of the range</source>
        <translation>muss nach dem Beginn des Bereichs liegen</translation>
    </message>
    <message>
        <source>“{name}” has no such metric (it may have been removed).</source>
        <translation>„{name}“ hat diese Messgröße nicht (sie wurde vielleicht entfernt).</translation>
    </message>
    <message>
        <source>No conversion factor before {day}: the {unit} read before then are not converted to {converted} and have no cost. Add a factor from an earlier date to include them.</source>
        <translation>Kein Umrechnungsfaktor vor {day}: Die davor abgelesenen {unit} werden nicht in {converted} umgerechnet und haben keine Kosten. Fügen Sie einen Faktor ab einem früheren Datum hinzu, um sie einzubeziehen.</translation>
    </message>
    <message numerus="yes">
        <source>{days} and %n more</source>
        <translation>
            <numerusform>{days} und %n weiteren</numerusform>
            <numerusform>{days} und %n weiteren</numerusform>
        </translation>
    </message>
    <message>
        <source>An input&apos;s counter goes down on {days} with no meter change recorded: these figures count it as negative consumption. Record the meter change on that input to correct it.</source>
        <translation>Der Zählerstand eines Eingangs sinkt am {days}, ohne dass ein Zählerwechsel erfasst ist: Diese Werte zählen das als negativen Verbrauch. Erfassen Sie den Zählerwechsel an diesem Eingang, um es zu korrigieren.</translation>
    </message>
    <message>
        <source>The counter goes down on {days} with no meter change recorded: the consumption there is negative. Record the meter replacement, reset or rollover to correct it.</source>
        <translation>Der Zählerstand sinkt am {days}, ohne dass ein Zählerwechsel erfasst ist: Der Verbrauch ist dort negativ. Erfassen Sie den Austausch, das Zurücksetzen oder den Überlauf, um es zu korrigieren.</translation>
    </message>
    <message>
        <source>No amount covers {days} days of this range (a gap in the data): those days are left out, not counted as zero. Rows marked “not covered” have no data at all.</source>
        <translation>Für {days} Tage dieses Bereichs gibt es keine Menge (eine Lücke in den Daten): Diese Tage werden ausgelassen, nicht als null gezählt. Mit „nicht abgedeckt“ markierte Zeilen haben gar keine Daten.</translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) has/have no known period start (the first amount, stored before periods were kept): not counted. Edit the reading to give its period a start.</source>
        <translation>
            <numerusform>%n Wert hat keinen bekannten Beginn seines Zeitraums (die erste Menge, gespeichert, bevor Zeiträume festgehalten wurden): nicht gezählt. Bearbeiten Sie die Ablesung, um ihrem Zeitraum einen Beginn zu geben.</numerusform>
            <numerusform>%n Werte haben keinen bekannten Beginn ihres Zeitraums (die erste Menge, gespeichert, bevor Zeiträume festgehalten wurden): nicht gezählt. Bearbeiten Sie die Ablesung, um ihrem Zeitraum einen Beginn zu geben.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Consumption and cost</source>
        <extracomment>The chart tabs, in order: (object name, tab title).</extracomment>
        <translation>Verbrauch und Kosten</translation>
    </message>
    <message>
        <source>Year over year</source>
        <translation>Jahresvergleich</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>Ablesungen</translation>
    </message>
    <message>
        <source>Mean, min and max</source>
        <translation>Mittel, Min. und Max.</translation>
    </message>
    <message>
        <source>Consumption</source>
        <translation>Verbrauch</translation>
    </message>
    <message>
        <source>Saved {name}</source>
        <extracomment>(source id, metric id) of a metric whose report over all dates came back empty.</extracomment>
        <translation>{name} gespeichert</translation>
    </message>
    <message>
        <source>Export report as CSV</source>
        <translation>Bericht als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>No readings of {name} in this range</source>
        <translation>Keine Ablesungen von {name} in diesem Zeitraum</translation>
    </message>
    <message>
        <source>Choose another range, or “All”.</source>
        <translation>Wählen Sie einen anderen Zeitraum oder „Alle“.</translation>
    </message>
    <message>
        <source>{source} · {metric}: months year over year</source>
        <translation>{source} · {metric}: Monate im Jahresvergleich</translation>
    </message>
    <message>
        <source>{name} · {metric} readings</source>
        <translation>{name} · {metric}: Ablesungen</translation>
    </message>
    <message>
        <source>A virtual meter has no readings</source>
        <translation>Ein virtueller Zähler hat keine Ablesungen</translation>
    </message>
    <message>
        <source>“{name}” is computed from its inputs&apos; readings: its consumption per period is on the “Consumption and cost” tab.</source>
        <translation>„{name}“ wird aus den Ablesungen seiner Eingänge berechnet: Sein Verbrauch je Zeitraum steht im Reiter „Verbrauch und Kosten“.</translation>
    </message>
    <message>
        <source>No readings in this period</source>
        <translation>Keine Ablesungen in diesem Zeitraum</translation>
    </message>
    <message>
        <source>Readings you enter or import for this meter will appear here.</source>
        <translation>Ablesungen, die Sie für diesen Zähler eingeben oder importieren, erscheinen hier.</translation>
    </message>
    <message>
        <source>{source} · {metric} readings</source>
        <translation>{source} · Ablesungen {metric}</translation>
    </message>
    <message>
        <source> (from {month})</source>
        <translation> (ab {month})</translation>
    </message>
    <message>
        <source> (July–June)</source>
        <translation> (Juli–Juni)</translation>
    </message>
    <message>
        <source>No readings of {name} yet.

Record them on the Readings tab (Ctrl+N), or in a meter round (Ctrl+R).</source>
        <translation>Noch keine Ablesungen von {name}.

Erfassen Sie sie im Reiter Ablesungen (Strg+N) oder in einer Ableserunde (Strg+R).</translation>
    </message>
    <message>
        <source>No readings of {name} in this range.

Choose another range, or “All”.</source>
        <translation>Keine Ablesungen von {name} in diesem Zeitraum.

Wählen Sie einen anderen Zeitraum oder „Alle“.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Total {amount}&lt;/b&gt;</source>
        <translation>&lt;b&gt;Summe {amount}&lt;/b&gt;</translation>
    </message>
    <message>
        <source> over {days} days</source>
        <translation> über {days} Tage</translation>
    </message>
    <message>
        <source>Projected {year}</source>
        <translation>Hochrechnung {year}</translation>
    </message>
    <message>
        <source>Projected year</source>
        <translation>Hochrechnung Jahr</translation>
    </message>
    <message>
        <source>; last 365 days: {amount}</source>
        <translation>; letzte 365 Tage: {amount}</translation>
    </message>
    <message>
        <source>No tariff: add one in the source&apos;s settings to see costs</source>
        <translation>Kein Tarif: Fügen Sie in den Einstellungen der Messstelle einen hinzu, um Kosten zu sehen</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Messgröße</translation>
    </message>
    <message>
        <source>Per</source>
        <translation>Je</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Date range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>From</source>
        <extracomment>A date changed without &quot;editing finished&quot; (the calendar, the arrow keys): report it shortly.</extracomment>
        <translation>Von</translation>
    </message>
    <message>
        <source>To (inclusive)</source>
        <translation>Bis (einschließlich)</translation>
    </message>
    <message>
        <source>Calculating…</source>
        <translation>Berechne…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Save this table as a CSV file (the same as “homelog report --format csv”)</source>
        <translation>Diese Tabelle als CSV-Datei speichern (wie „homelog report --format csv“)</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <source>Show all readings</source>
        <translation>Alle Ablesungen zeigen</translation>
    </message>
    <message>
        <source>Preparing the chart…</source>
        <translation>Bereite das Diagramm vor…</translation>
    </message>
    <message>
        <source>Save PNG…</source>
        <translation>PNG speichern…</translation>
    </message>
    <message>
        <source>Save the chart shown as a PNG image</source>
        <translation>Das angezeigte Diagramm als PNG-Bild speichern</translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}</source>
        <extracomment>Report (the newest request&apos;s answer). (metric id, Series, list[MeterEvent]): the metric&apos;s raw readings and meter changes, for the readings chart. True while a report is being loaded. Report: a monthly report of all the metric&apos;s readings, for the year-over-year chart. Path of a CSV file written by export_csv. A metric with conversion factors is shown converted (kWh) unless the user chose as metered.</extracomment>
        <translation>{path} kann nicht geschrieben werden: {reason}</translation>
    </message>
</context>
<context>
    <name>Repositories</name>
    <message>
        <source>That source no longer exists.</source>
        <translation>Diese Messstelle gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>That member no longer exists.</source>
        <translation>Dieses Mitglied gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>That metric no longer exists.</source>
        <translation>Diese Messgröße gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>Conversion factors, row {row}</source>
        <translation>Umrechnungsfaktoren, Zeile {row}</translation>
    </message>
    <message>
        <source>Advance payments, row {row}</source>
        <translation>Abschläge, Zeile {row}</translation>
    </message>
    <message>
        <source>E-mail: {email} already belongs to another member.</source>
        <translation>E-Mail: {email} gehört schon einem anderen Mitglied.</translation>
    </message>
    <message>
        <source>That meter change no longer exists.</source>
        <translation>Dieser Zählerwechsel existiert nicht mehr.</translation>
    </message>
    <message>
        <source>That tariff no longer exists.</source>
        <translation>Diesen Tarif gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>That reading no longer exists.</source>
        <extracomment>How many earlier readings make up the &quot;recent&quot; daily rate of a counter. Readings older than this before the new one do not count as recent.</extracomment>
        <translation>Diese Ablesung gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>That reading no longer exists (it may have been deleted elsewhere).</source>
        <translation>Diese Ablesung gibt es nicht mehr (sie wurde vielleicht anderswo gelöscht).</translation>
    </message>
    <message>
        <source>There is no source named “{name}”.</source>
        <translation>Es gibt keine Messstelle namens „{name}“.</translation>
    </message>
    <message>
        <source>Name: there is already a source called “{name}”.</source>
        <translation>Name: Es gibt schon eine Messstelle namens „{name}“.</translation>
    </message>
</context>
<context>
    <name>Restore</name>
    <message>
        <source>{path} holds no Home Log data; nothing was restored.</source>
        <extracomment>What was restored, as checked. Where the data from before is: a before-restore backup, or the damaged file moved aside. True when the data from before was damaged and moved aside rather than backed up.</extracomment>
        <translation>{path} enthält keine Home-Log-Daten; nichts wurde wiederhergestellt.</translation>
    </message>
    <message>
        <source>{message} It was not restored.</source>
        <translation>{message} Sie wurde nicht wiederhergestellt.</translation>
    </message>
    <message>
        <source>{message} It cannot be restored.</source>
        <translation>{message} Sie lässt sich nicht wiederherstellen.</translation>
    </message>
    <message>
        <source>{source} is the database itself; choose a backup to restore.</source>
        <translation>{source} ist die Datenbank selbst; wählen Sie eine Sicherung zum Wiederherstellen.</translation>
    </message>
    <message>
        <source>The copy of {source} failed its check ({message}); nothing was changed.</source>
        <translation>Die Kopie von {source} hat die Prüfung nicht bestanden ({message}); nichts wurde geändert.</translation>
    </message>
    <message>
        <source>{path} is read-only; nothing was changed. Make it writable for your user, then try again.</source>
        <translation>{path} ist schreibgeschützt; nichts wurde geändert. Machen Sie die Datei für Ihren Benutzer beschreibbar und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The current data could not be kept, so nothing was restored. {exc}</source>
        <translation>Die aktuellen Daten ließen sich nicht aufbewahren, daher wurde nichts wiederhergestellt. {exc}</translation>
    </message>
    <message>
        <source>{message} Nothing was restored.</source>
        <translation>{message} Nichts wurde wiederhergestellt.</translation>
    </message>
    <message>
        <source>Cannot move {path} aside: {reason}. Nothing was restored.</source>
        <translation>{path} lässt sich nicht beiseitelegen: {reason}. Nichts wurde wiederhergestellt.</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from backup</source>
        <translation>Aus Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Choose the backup to bring back. Your current data is kept first, as a backup of its own, so a restore can itself be undone.</source>
        <translation>Wählen Sie die Sicherung, die zurückgeholt werden soll. Ihre aktuellen Daten werden vorher als eigene Sicherung aufbewahrt, sodass sich auch eine Wiederherstellung rückgängig machen lässt.</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sicherungen</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Anlass</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Other file…</source>
        <translation>Andere Datei…</translation>
    </message>
    <message>
        <source>Restore a copy kept somewhere else (another folder, a USB stick)</source>
        <translation>Eine anderswo aufbewahrte Kopie wiederherstellen (ein anderer Ordner, ein USB-Stick)</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Wiederherstellen…</translation>
    </message>
    <message>
        <source>Restore which file?</source>
        <translation>Welche Datei wiederherstellen?</translation>
    </message>
</context>
<context>
    <name>Rows</name>
    <message>
        <source>This member</source>
        <extracomment>&quot;reading&quot;, &quot;source&quot;, &quot;tariff&quot;, ... The member&apos;s name, or None when not known (a local notebook without sign-in, psql). Local time of their change, as shown to the user. The stored version now: saving again with it overwrites their change knowingly. A row of each kind in a sentence: (at its start, within it, one of them) — translated whole, as each language&apos;s articles differ (&quot;Diese Ablesung&quot;, &quot;dieser Tarif&quot;, &quot;ein Tarif&quot;).</extracomment>
        <translation>Dieses Mitglied</translation>
    </message>
    <message>
        <source>this member</source>
        <translation>dieses Mitglied</translation>
    </message>
    <message>
        <source>a member</source>
        <translation>ein Mitglied</translation>
    </message>
    <message>
        <source>This member&apos;s password</source>
        <translation>Das Passwort dieses Mitglieds</translation>
    </message>
    <message>
        <source>this member&apos;s password</source>
        <translation>das Passwort dieses Mitglieds</translation>
    </message>
    <message>
        <source>a member&apos;s password</source>
        <translation>ein Mitgliedspasswort</translation>
    </message>
    <message>
        <source>This source</source>
        <translation>Diese Messstelle</translation>
    </message>
    <message>
        <source>this source</source>
        <translation>diese Messstelle</translation>
    </message>
    <message>
        <source>a source</source>
        <translation>eine Messstelle</translation>
    </message>
    <message>
        <source>This source&apos;s metric</source>
        <translation>Diese Messgröße</translation>
    </message>
    <message>
        <source>this source&apos;s metric</source>
        <translation>diese Messgröße</translation>
    </message>
    <message>
        <source>a source&apos;s metric</source>
        <translation>eine Messgröße</translation>
    </message>
    <message>
        <source>This reading</source>
        <translation>Diese Ablesung</translation>
    </message>
    <message>
        <source>this reading</source>
        <translation>diese Ablesung</translation>
    </message>
    <message>
        <source>a reading</source>
        <translation>eine Ablesung</translation>
    </message>
    <message>
        <source>This meter change</source>
        <translation>Dieser Zählerwechsel</translation>
    </message>
    <message>
        <source>this meter change</source>
        <translation>dieser Zählerwechsel</translation>
    </message>
    <message>
        <source>a meter change</source>
        <translation>ein Zählerwechsel</translation>
    </message>
    <message>
        <source>This tariff</source>
        <translation>Dieser Tarif</translation>
    </message>
    <message>
        <source>this tariff</source>
        <translation>dieser Tarif</translation>
    </message>
    <message>
        <source>a tariff</source>
        <translation>ein Tarif</translation>
    </message>
    <message>
        <source>This conversion factor</source>
        <translation>Dieser Umrechnungsfaktor</translation>
    </message>
    <message>
        <source>this conversion factor</source>
        <translation>dieser Umrechnungsfaktor</translation>
    </message>
    <message>
        <source>a conversion factor</source>
        <translation>ein Umrechnungsfaktor</translation>
    </message>
    <message>
        <source>This advance payment</source>
        <translation>Dieser Abschlag</translation>
    </message>
    <message>
        <source>this advance payment</source>
        <translation>dieser Abschlag</translation>
    </message>
    <message>
        <source>an advance payment</source>
        <translation>ein Abschlag</translation>
    </message>
    <message>
        <source>This virtual meter&apos;s input</source>
        <translation>Dieser Eingang des virtuellen Zählers</translation>
    </message>
    <message>
        <source>this virtual meter&apos;s input</source>
        <translation>dieser Eingang des virtuellen Zählers</translation>
    </message>
    <message>
        <source>a virtual meter&apos;s input</source>
        <translation>ein Eingang eines virtuellen Zählers</translation>
    </message>
</context>
<context>
    <name>Rules</name>
    <message>
        <source>Metric</source>
        <extracomment>Longest source or member name. Longest metric name. Longest unit. Longest expected reading interval, in days. Most register digits a counter may have. Longest e-mail address. Longest note of a meter change. Prices and standing charges are below this. Display names of the fields, as forms label them (used to compose messages, never to match; translated where used: ``translate(&quot;Rules&quot;, label)``).</extracomment>
        <translation>Messgröße</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Datum und Uhrzeit</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Old meter&apos;s final value</source>
        <translation>Endstand des alten Zählers</translation>
    </message>
    <message>
        <source>New meter&apos;s start value</source>
        <translation>Anfangsstand des neuen Zählers</translation>
    </message>
    <message>
        <source>Digits</source>
        <translation>Stellen</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Gültig ab</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Arbeitspreis</translation>
    </message>
    <message>
        <source>Standing charge</source>
        <translation>Grundpreis</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Name is required: enter what this meter or sensor is called.</source>
        <translation>Ein Name ist nötig: Geben Sie ein, wie dieser Zähler oder Sensor heißt.</translation>
    </message>
    <message>
        <source>Name is too long (at most {most} characters).</source>
        <translation>Der Name ist zu lang (höchstens {most} Zeichen).</translation>
    </message>
    <message>
        <source>Reading interval must be between 1 and {most} days.</source>
        <translation>Das Ableseintervall muss zwischen 1 und {most} Tagen liegen.</translation>
    </message>
    <message>
        <source>must start in a month from 1 (January) to 12 (December)</source>
        <translation>muss in einem Monat von 1 (Januar) bis 12 (Dezember) beginnen</translation>
    </message>
    <message>
        <source>Billing year</source>
        <translation>Abrechnungsjahr</translation>
    </message>
    <message>
        <source>Metrics: a source needs at least one metric. Click “Add metric”.</source>
        <translation>Messgrößen: Eine Messstelle braucht mindestens eine Messgröße. Klicken Sie auf „Messgröße hinzufügen“.</translation>
    </message>
    <message>
        <source>Metrics: the metric in row {row} needs a name.</source>
        <translation>Messgrößen: Die Messgröße in Zeile {row} braucht einen Namen.</translation>
    </message>
    <message>
        <source>Metrics: the name in row {row} is too long (at most {most} characters).</source>
        <translation>Messgrößen: Der Name in Zeile {row} ist zu lang (höchstens {most} Zeichen).</translation>
    </message>
    <message>
        <source>Metrics: rows {first} and {second} are both called “{name}”; metric names must differ.</source>
        <translation>Messgrößen: Die Zeilen {first} und {second} heißen beide „{name}“; Messgrößen brauchen verschiedene Namen.</translation>
    </message>
    <message>
        <source>Metrics: the unit of “{name}” is too long (at most {most} characters).</source>
        <translation>Messgrößen: Die Einheit von „{name}“ ist zu lang (höchstens {most} Zeichen).</translation>
    </message>
    <message>
        <source>Metrics: decimals of “{name}” must be between 0 and {most}.</source>
        <translation>Messgrößen: Die Nachkommastellen von „{name}“ müssen zwischen 0 und {most} liegen.</translation>
    </message>
    <message>
        <source>Metrics: digits of “{name}” must be blank or between 1 and {most}.</source>
        <translation>Messgrößen: Die Stellen von „{name}“ müssen leer sein oder zwischen 1 und {most} liegen.</translation>
    </message>
    <message>
        <source>Metrics: some stored values of “{name}” have more than {decimals} decimals; fewer decimals would round them.</source>
        <translation>Messgrößen: Einige gespeicherte Werte von „{name}“ haben mehr als {decimals} Nachkommastellen; weniger Nachkommastellen würden sie runden.</translation>
    </message>
    <message>
        <source>Name is required.</source>
        <translation>Ein Name ist nötig.</translation>
    </message>
    <message>
        <source>E-mail: “{email}” is not an e-mail address (leave it empty if there is none).</source>
        <translation>E-Mail: „{email}“ ist keine E-Mail-Adresse (lassen Sie das Feld leer, wenn es keine gibt).</translation>
    </message>
    <message>
        <source>meter changes apply to counters only</source>
        <translation>Zählerwechsel gibt es nur bei Zählerständen</translation>
    </message>
    <message>
        <source>must be after the previous reading ({time})</source>
        <translation>muss nach der vorherigen Ablesung liegen ({time})</translation>
    </message>
    <message>
        <source>must not be after this reading ({time})</source>
        <translation>darf nicht nach dieser Ablesung liegen ({time})</translation>
    </message>
    <message>
        <source>is not a usable number</source>
        <translation>ist keine brauchbare Zahl</translation>
    </message>
    <message>
        <source>is needed for a replacement</source>
        <translation>ist für einen Austausch nötig</translation>
    </message>
    <message>
        <source>is needed for a reset (the value before it)</source>
        <translation>ist für ein Zurücksetzen nötig (der Wert davor)</translation>
    </message>
    <message>
        <source>a rollover needs the number of digits of the register</source>
        <translation>ein Überlauf braucht die Stellenzahl des Zählwerks</translation>
    </message>
    <message>
        <source>must be between 1 and {most}</source>
        <translation>muss zwischen 1 und {most} liegen</translation>
    </message>
    <message>
        <source>is lower than the previous reading ({value})</source>
        <translation>ist kleiner als die vorherige Ablesung ({value})</translation>
    </message>
    <message>
        <source>is higher than this reading ({value})</source>
        <translation>ist größer als diese Ablesung ({value})</translation>
    </message>
    <message>
        <source>is longer than {most} characters</source>
        <translation>ist länger als {most} Zeichen</translation>
    </message>
    <message>
        <source>choose a counter or interval metric (gauges have no cost)</source>
        <translation>wählen Sie einen Zählerstand oder ein Intervall (Momentanwerte haben keine Kosten)</translation>
    </message>
    <message>
        <source>this metric</source>
        <translation>diese Messgröße</translation>
    </message>
    <message>
        <source>{metric} already has a tariff from {date}</source>
        <translation>{metric} hat schon einen Tarif ab {date}</translation>
    </message>
    <message>
        <source>must be a number from 0 up to 1,000,000</source>
        <translation>muss eine Zahl von 0 bis 1.000.000 sein</translation>
    </message>
    <message>
        <source>must be a three-letter code such as EUR, GBP or USD</source>
        <translation>muss ein Code aus drei Buchstaben sein, etwa EUR, GBP oder USD</translation>
    </message>
</context>
<context>
    <name>SampleData</name>
    <message>
        <source>Estimated — meter not accessible</source>
        <extracomment>Weekly reading rounds in the sample: three years of Saturdays. Note of an estimated reading.</extracomment>
        <translation>Geschätzt – Zähler nicht zugänglich</translation>
    </message>
    <message>
        <source>Holiday — house empty</source>
        <extracomment>Note of the first reading after a holiday.</extracomment>
        <translation>Urlaub – Haus leer</translation>
    </message>
    <message>
        <source>New washing machine</source>
        <extracomment>Note of the readings taken the week the washing machine was replaced.</extracomment>
        <translation>Neue Waschmaschine</translation>
    </message>
    <message>
        <source>From the annual bill</source>
        <extracomment>Note of a reading copied from a supplier&apos;s bill.</extracomment>
        <translation>Aus der Jahresabrechnung</translation>
    </message>
    <message>
        <source>Smart meter installed by the grid operator</source>
        <extracomment>Note of the electricity meter&apos;s replacement.</extracomment>
        <translation>Smart Meter vom Netzbetreiber eingebaut</translation>
    </message>
    <message>
        <source>Sample data goes into a data file of its own: this one already holds sources or members.</source>
        <extracomment>What the new electricity meter shows when it is installed (the installer&apos;s test run). Tariffs of the sample&apos;s counters: metric name (the English one ``build_sample_household`` gives, not the stored, translated one) -&gt; (unit price, standing charge per day) before and after the price change in the middle of the history, in euros. The gas supplier&apos;s conversion factors (calorific value in kWh per m³, Z-number): the first from the start of the history, then a new pair with each annual bill (September). The gas advance payment per month in euros: the first from the start of the history, then the one each annual bill sets. When it was typed in (the reading repository&apos;s ``created_at``). Conversion factors (gas m³ → kWh), their metric as an index into the source&apos;s metrics. Advance payments per month (``source_id`` not yet known: 0).</extracomment>
        <translation>Beispieldaten kommen in eine eigene Datendatei: Diese enthält bereits Messstellen oder Mitglieder.</translation>
    </message>
    <message>
        <source>Electricity</source>
        <translation>Strom</translation>
    </message>
    <message>
        <source>Main meter in the hall cupboard</source>
        <translation>Hauptzähler im Flurschrank</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Night</source>
        <translation>Nacht</translation>
    </message>
    <message>
        <source>Water</source>
        <translation>Wasser</translation>
    </message>
    <message>
        <source>Cold water meter under the kitchen sink</source>
        <translation>Kaltwasserzähler unter der Spüle</translation>
    </message>
    <message>
        <source>Gas</source>
        <translation>Gas</translation>
    </message>
    <message>
        <source>Gas meter in the box by the front door (heating and hot water)</source>
        <translation>Gaszähler im Kasten neben der Haustür (Heizung und Warmwasser)</translation>
    </message>
    <message>
        <source>Boiler serviced</source>
        <translation>Therme gewartet</translation>
    </message>
    <message>
        <source>Heatwave — blinds down all day</source>
        <translation>Hitzewelle – Rollläden den ganzen Tag unten</translation>
    </message>
    <message>
        <source>Living room</source>
        <translation>Wohnzimmer</translation>
    </message>
    <message>
        <source>Thermometer and hygrometer on the bookshelf</source>
        <translation>Thermometer und Hygrometer im Bücherregal</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Humidity</source>
        <translation>Luftfeuchte</translation>
    </message>
</context>
<context>
    <name>SavedPasswords</name>
    <message>
        <source>Passwords cannot be remembered: the keyring module is not installed.</source>
        <translation>Passwörter lassen sich nicht merken: Das Modul keyring ist nicht installiert.</translation>
    </message>
    <message>
        <source>Passwords cannot be remembered: the password store does not work ({reason}).</source>
        <translation>Passwörter lassen sich nicht merken: Der Passwortspeicher funktioniert nicht ({reason}).</translation>
    </message>
    <message>
        <source>Passwords cannot be remembered: this computer has no password store (keyring) Home Log can use. Type the password each time.</source>
        <translation>Passwörter lassen sich nicht merken: Dieser Computer hat keinen Passwortspeicher (keyring), den Home Log nutzen kann. Geben Sie das Passwort jedes Mal ein.</translation>
    </message>
    <message>
        <source>Kept in {store}, never in a file.</source>
        <translation>Gespeichert in {store}, nie in einer Datei.</translation>
    </message>
</context>
<context>
    <name>ServerProblemDialog</name>
    <message>
        <source>Try Again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Open Another Database…</source>
        <translation>Andere Datenbank öffnen…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>ServerRecovery</name>
    <message>
        <source>Your data on the server cannot be opened.</source>
        <extracomment>Problems of a server URL that the user can fix, or wait out, while the window stays open.</extracomment>
        <translation>Ihre Daten auf dem Server lassen sich nicht öffnen.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>A new language is shown when Home Log starts next time.</source>
        <translation>Eine neue Sprache wird beim nächsten Start von Home Log angezeigt.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
</context>
<context>
    <name>Settlement</name>
    <message>
        <source>Amount per month</source>
        <extracomment>Largest monthly advance accepted. Paid on the first of every month. ISO 4217 code, e.g. &quot;EUR&quot;. The stored row&apos;s version when read. Not part of equality.</extracomment>
        <translation>Betrag pro Monat</translation>
    </message>
    <message>
        <source>must be a number from 0 up to 1,000,000</source>
        <translation>muss eine Zahl von 0 bis 1.000.000 sein</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>must be a three-letter code such as EUR, GBP or USD</source>
        <translation>muss ein Code aus drei Buchstaben sein, etwa EUR, GBP oder USD</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Gültig ab</translation>
    </message>
    <message>
        <source>this source already has an advance from {date}</source>
        <translation>diese Messstelle hat schon einen Abschlag ab {date}</translation>
    </message>
    <message>
        <source>Forecast for the year {cost} (by {how}): {verdict}</source>
        <extracomment>Advances due so far (up to today) and for the whole billing year. Cost from the billing year&apos;s start to the last reading (None: no tariff for all of it). Cost of the whole billing year, forecast (None: no tariff, or no projection). The data begin after the billing year&apos;s start (the figures cover only the part from then). The year is over (``settle_closed``): the cost is the year&apos;s own, not a forecast. The line of the forecast (the Reports page shows it in bold).</extracomment>
        <translation>Hochrechnung für das Jahr {cost} (nach {how}): {verdict}</translation>
    </message>
    <message>
        <source>Billing year {first} to {last}: advances paid so far {paid} of {due}</source>
        <translation>Abrechnungsjahr {first} bis {last}: bisher {paid} von {due} Abschlägen gezahlt</translation>
    </message>
    <message>
        <source>Consumption so far costs {cost}</source>
        <translation>Der bisherige Verbrauch kostet {cost}</translation>
    </message>
    <message>
        <source>Forecast settlement: not known yet (needs a tariff and readings in this billing year)</source>
        <translation>Hochrechnung der Abrechnung: noch unbekannt (braucht einen Tarif und Ablesungen in diesem Abrechnungsjahr)</translation>
    </message>
    <message>
        <source>last year&apos;s profile</source>
        <translation>dem Vorjahresverlauf</translation>
    </message>
    <message>
        <source>the recent daily rate</source>
        <translation>dem jüngsten Tagesverbrauch</translation>
    </message>
    <message>
        <source>(readings begin on {day}: the cost before then is not included)</source>
        <translation>(Ablesungen beginnen am {day}: Die Kosten davor sind nicht enthalten)</translation>
    </message>
    <message>
        <source>a refund of {amount}</source>
        <translation>eine Erstattung von {amount}</translation>
    </message>
    <message>
        <source>a back payment of {amount}</source>
        <translation>eine Nachzahlung von {amount}</translation>
    </message>
    <message>
        <source>{first} to {last}: advances paid {paid}</source>
        <translation>{first} bis {last}: Abschläge gezahlt {paid}</translation>
    </message>
    <message>
        <source>Settlement: not known (needs a tariff for the whole year)</source>
        <translation>Abrechnung: unbekannt (braucht einen Tarif für das ganze Jahr)</translation>
    </message>
    <message>
        <source>Cost of the year {cost}: {verdict}</source>
        <translation>Kosten des Jahres {cost}: {verdict}</translation>
    </message>
</context>
<context>
    <name>SettlementRows</name>
    <message>
        <source>Settlement</source>
        <extracomment>Adds a captioned row to the card&apos;s grid and returns (caption, widget). Colours a label as &quot;success&quot;, &quot;error&quot; or plain (None), as the card does.</extracomment>
        <translation>Abrechnung</translation>
    </message>
    <message>
        <source>{year}: paid {paid} of {due}</source>
        <translation>{year}: {paid} von {due} bezahlt</translation>
    </message>
    <message>
        <source>used {amount} so far</source>
        <translation>bisher {amount} verbraucht</translation>
    </message>
    <message>
        <source>Billing year {first} to {last}: the advances due for the year against the forecast cost of its consumption.</source>
        <translation>Abrechnungsjahr {first} bis {last}: die fälligen Abschläge des Jahres gegen die prognostizierten Kosten seines Verbrauchs.</translation>
    </message>
    <message>
        <source>needs a tariff and a reading this year</source>
        <translation>braucht einen Tarif und eine Ablesung in diesem Jahr</translation>
    </message>
    <message>
        <source>refund {amount}</source>
        <translation>Erstattung {amount}</translation>
    </message>
    <message>
        <source>back payment {amount}</source>
        <translation>Nachzahlung {amount}</translation>
    </message>
    <message>
        <source>year {amount}</source>
        <translation>Jahr {amount}</translation>
    </message>
    <message>
        <source>last year&apos;s seasons</source>
        <translation>dem Saisonverlauf des Vorjahres</translation>
    </message>
    <message>
        <source>the recent daily rate</source>
        <translation>dem aktuellen Tagesverbrauch</translation>
    </message>
    <message>
        <source> The rest of the year is projected from {how}.</source>
        <translation> Der Rest des Jahres wird nach {how} hochgerechnet.</translation>
    </message>
    <message>
        <source> Readings begin on {day}: the cost before then is not included.</source>
        <translation> Die Ablesungen beginnen am {day}: Die Kosten davor sind nicht enthalten.</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Sources</source>
        <extracomment>The user picked a source (a click, or the keyboard in the list). A double click on a source. Set while the window moves the current row itself (nothing to open).</extracomment>
        <translation>Messstellen</translation>
    </message>
    <message>
        <source>5 days ago · 28 Nov</source>
        <comment>the widest age in the list</comment>
        <translation>Vor 5 Tagen · 28. Nov.</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Every meter at a glance (Ctrl+1)</source>
        <translation>Alle Zähler auf einen Blick (Strg+1)</translation>
    </message>
    <message>
        <source>Meters and sensors</source>
        <translation>Zähler und Sensoren</translation>
    </message>
    <message>
        <source>New source…</source>
        <translation>Neue Messstelle…</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Cancel</source>
        <extracomment>QSettings key prefix of the last member who signed in, per database (never a password).</extracomment>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>&lt;b&gt;Who is using Home Log?&lt;/b&gt;</source>
        <translation>&lt;b&gt;Wer nutzt Home Log?&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Sign in to the household on {place}</source>
        <translation>Beim Haushalt auf {place} anmelden</translation>
    </message>
    <message>
        <source>Sign in to {place}</source>
        <translation>Bei {place} anmelden</translation>
    </message>
    <message>
        <source>your name or e-mail address</source>
        <translation>Ihr Name oder Ihre E-Mail-Adresse</translation>
    </message>
    <message>
        <source>&amp;Name or e-mail:</source>
        <extracomment>What Cancel does, when it is more than closing the dialog (quits, or goes back to the local file).</extracomment>
        <translation>&amp;Name oder E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Sign In</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Prüfe…</translation>
    </message>
    <message numerus="yes">
        <source>After several failed attempts, wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>Nach mehreren Fehlversuchen warten Sie %n Sekunde, bevor Sie es erneut versuchen.</numerusform>
            <numerusform>Nach mehreren Fehlversuchen warten Sie %n Sekunden, bevor Sie es erneut versuchen.</numerusform>
        </translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>Sie können es jetzt erneut versuchen.</translation>
    </message>
</context>
<context>
    <name>SourceCardWidget</name>
    <message>
        <source>{name}: open</source>
        <extracomment>A card&apos;s width range at an ordinary font; the grid fits as many columns as the page is wide. Characters a card&apos;s line needs (&quot;Projected 2026 3,265 kWh · €1,105.67&quot;): with a large font the cards widen rather than wrapping every figure. Shown in a figure still being computed.</extracomment>
        <translation>{name}: öffnen</translation>
    </message>
    <message>
        <source>Last reading</source>
        <translation>Letzte Ablesung</translation>
    </message>
    <message>
        <source>{register}: last read {day}</source>
        <translation>{register}: zuletzt abgelesen am {day}</translation>
    </message>
    <message>
        <source>Virtual meter</source>
        <translation>Virtueller Zähler</translation>
    </message>
    <message numerus="yes">
        <source>computed from %n input(s)</source>
        <translation>
            <numerusform>berechnet aus %n Eingang</numerusform>
            <numerusform>berechnet aus %n Eingängen</numerusform>
        </translation>
    </message>
    <message>
        <source> · a reading is due</source>
        <translation> · Ablesung fällig</translation>
    </message>
    <message>
        <source>The source&apos;s reading interval has passed.</source>
        <translation>Das Ableseintervall der Messstelle ist überschritten.</translation>
    </message>
    <message>
        <source>Registers summed: {names}</source>
        <translation>Summe der Zählwerke: {names}</translation>
    </message>
    <message>
        <source>its inputs have no reading yet this month</source>
        <translation>seine Eingänge haben in diesem Monat noch keine Ablesung</translation>
    </message>
    <message>
        <source>no reading yet this month</source>
        <translation>noch keine Ablesung in diesem Monat</translation>
    </message>
    <message>
        <source>its inputs have no readings in common</source>
        <translation>seine Eingänge haben keine gemeinsamen Ablesungen</translation>
    </message>
    <message>
        <source>needs two readings</source>
        <translation>braucht zwei Ablesungen</translation>
    </message>
    <message>
        <source>readings a year ago start {day}</source>
        <translation>Ablesungen vor einem Jahr beginnen am {day}</translation>
    </message>
    <message>
        <source>no readings a year ago</source>
        <translation>keine Ablesungen vor einem Jahr</translation>
    </message>
    <message>
        <source>nothing used a year ago</source>
        <translation>vor einem Jahr kein Verbrauch</translation>
    </message>
    <message>
        <source>{change} vs last year</source>
        <translation>{change} zum Vorjahr</translation>
    </message>
    <message>
        <source>Same days of the month a year ago: {amount}</source>
        <translation>Gleiche Tage des Monats vor einem Jahr: {amount}</translation>
    </message>
    <message>
        <source>no tariff for {names}</source>
        <translation>kein Tarif für {names}</translation>
    </message>
    <message>
        <source>no tariff</source>
        <translation>kein Tarif</translation>
    </message>
    <message>
        <source>no reading this year</source>
        <translation>keine Ablesung in diesem Jahr</translation>
    </message>
    <message>
        <source>Projected {year}</source>
        <translation>Hochrechnung {year}</translation>
    </message>
    <message>
        <source>Projected year</source>
        <translation>Hochrechnung Jahr</translation>
    </message>
    <message>
        <source>needs more readings</source>
        <translation>braucht mehr Ablesungen</translation>
    </message>
    <message>
        <source>{amount} as metered</source>
        <translation>{amount} wie gemessen</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Dieser Monat</translation>
    </message>
    <message>
        <source>Cost this year</source>
        <translation>Kosten dieses Jahr</translation>
    </message>
</context>
<context>
    <name>SourceDelegate</name>
    <message>
        <source>Overdue</source>
        <extracomment>Side of the category icon, in device-independent pixels. Height of an item (taller if the font needs it). Space around the content and between icon, texts and badge. Text of the badge of a source whose reading is due.</extracomment>
        <translation>Überfällig</translation>
    </message>
</context>
<context>
    <name>SourceDialog</name>
    <message>
        <source>Counter: a cumulative register, like a kWh or water meter. Consumption is the difference between two readings.</source>
        <extracomment>What each kind of metric means, for tooltips.</extracomment>
        <translation>Zählerstand: ein fortlaufendes Zählwerk, wie ein Strom- oder Wasserzähler. Der Verbrauch ist die Differenz zweier Ablesungen.</translation>
    </message>
    <message>
        <source>Interval: each value is already the amount for its period, like a bill or an oil delivery.</source>
        <translation>Intervall: Jeder Wert ist bereits die Menge seines Zeitraums, wie eine Rechnung oder eine Öllieferung.</translation>
    </message>
    <message>
        <source>Gauge: an instantaneous value, like a room temperature or a tank level. Periods show its mean, minimum and maximum.</source>
        <translation>Momentanwert: ein Augenblickswert, wie eine Raumtemperatur oder ein Tankfüllstand. Zeiträume zeigen Mittel, Minimum und Maximum.</translation>
    </message>
    <message>
        <source>Register digits, for roll-over: a counter with 6 digits goes from 999999 back to 0. Leave blank if unknown.</source>
        <translation>Stellen des Zählwerks, für den Überlauf: Ein Zähler mit 6 Stellen springt von 999999 auf 0. Leer lassen, wenn unbekannt.</translation>
    </message>
    <message>
        <source>Only counters have register digits.</source>
        <translation>Nur Zählerstände haben Zählwerksstellen.</translation>
    </message>
    <message>
        <source>How many decimals the values of this metric are entered with (0–6).</source>
        <translation>Mit wie vielen Nachkommastellen die Werte dieser Messgröße eingegeben werden (0–6).</translation>
    </message>
    <message>
        <source>Reports by billing year start in this month (the first month of your supplier&apos;s year).</source>
        <translation>Berichte nach Abrechnungsjahr beginnen in diesem Monat (dem ersten Monat des Abrechnungsjahres Ihres Versorgers).</translation>
    </message>
    <message>
        <source>&lt;b&gt;Meter changes&lt;/b&gt; — a meter replaced or reset, or a register that rolled over. With the change recorded, consumption runs on across it instead of dropping or jumping.</source>
        <translation>&lt;b&gt;Zählerwechsel&lt;/b&gt; – ein getauschter oder zurückgesetzter Zähler oder ein übergelaufenes Zählwerk. Mit erfasstem Wechsel läuft der Verbrauch darüber hinweg weiter, statt zu fallen oder zu springen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Tariffs&lt;/b&gt; — the price of each metric from a day on: per unit and a standing charge per day. Costs in reports use the tariff in force at each moment.</source>
        <translation>&lt;b&gt;Tarife&lt;/b&gt; – der Preis jeder Messgröße ab einem Tag: je Einheit und ein Grundpreis je Tag. Kosten in Berichten nutzen den jeweils gültigen Tarif.</translation>
    </message>
    <message>
        <source>Name</source>
        <extracomment>Longest source name shown in the window title. Widest the text of the &quot;Discard …?&quot; question grows to keep its detail on one line. Column headers, in MetricColumn order.</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Decimals</source>
        <translation>Nachkommastellen</translation>
    </message>
    <message>
        <source>Digits</source>
        <translation>Stellen</translation>
    </message>
    <message>
        <source>Discard this new source?</source>
        <extracomment>A refusal from the database, shown until the part it concerns changes. The meter changes and tariffs as loaded (None until they are), to tell what was changed. The question after a conflicting save, while it is open (tests answer it). The user kept editing after a conflict: the next Save overwrites the other change. The form as it was opened, to tell whether closing throws something away.</extracomment>
        <translation>Diese neue Messstelle verwerfen?</translation>
    </message>
    <message>
        <source>The source you started has not been saved.</source>
        <translation>Die begonnene Messstelle wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>Discard your changes to this source?</source>
        <translation>Ihre Änderungen an dieser Messstelle verwerfen?</translation>
    </message>
    <message>
        <source>Your changes to “{name}” have not been saved.</source>
        <translation>Ihre Änderungen an „{name}“ wurden nicht gespeichert.</translation>
    </message>
    <message>
        <source>e.g. Electricity meter, Cellar water</source>
        <translation>z. B. Stromzähler, Wasser Keller</translation>
    </message>
    <message>
        <source>Optional: where it is, the meter number…</source>
        <translation>Optional: wo er sich befindet, die Zählernummer…</translation>
    </message>
    <message>
        <source>No reminder</source>
        <translation>Keine Erinnerung</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Home Log marks the source as overdue when no reading was entered for this many days.</source>
        <translation>Home Log markiert die Messstelle als überfällig, wenn so viele Tage lang keine Ablesung eingegeben wurde.</translation>
    </message>
    <message>
        <source>Public</source>
        <translation>Öffentlich</translation>
    </message>
    <message>
        <source>Other members can see this source when the database is shared.</source>
        <translation>Andere Mitglieder sehen diese Messstelle, wenn die Datenbank geteilt wird.</translation>
    </message>
    <message>
        <source>Household members may add readings</source>
        <translation>Haushaltsmitglieder dürfen Ablesungen hinzufügen</translation>
    </message>
    <message>
        <source>Every member can then record readings of this public source (each may change only their own).</source>
        <translation>Jedes Mitglied kann dann Ablesungen dieser öffentlichen Messstelle erfassen (jedes darf nur die eigenen ändern).</translation>
    </message>
    <message>
        <source>The month your supplier&apos;s accounting year starts in.</source>
        <translation>Der Monat, in dem das Abrechnungsjahr Ihres Versorgers beginnt.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Kategorie:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>&amp;Eigentümer:</translation>
    </message>
    <message>
        <source>Expected reading &amp;interval:</source>
        <translation>Erwartetes Ablese&amp;intervall:</translation>
    </message>
    <message>
        <source>Visibility:</source>
        <translation>Sichtbarkeit:</translation>
    </message>
    <message>
        <source>&amp;Billing year starts in:</source>
        <translation>&amp;Abrechnungsjahr beginnt im:</translation>
    </message>
    <message>
        <source>Unit unit</source>
        <translation>Einheit Einheit</translation>
    </message>
    <message>
        <source>Interval ▾▾</source>
        <translation>Momentanwert ▾▾</translation>
    </message>
    <message>
        <source>Decimals ▾</source>
        <translation>Nachkommastellen ▾</translation>
    </message>
    <message>
        <source>Digits ▾▾</source>
        <translation>Stellen ▾▾</translation>
    </message>
    <message>
        <source>&amp;Add metric</source>
        <translation>Messgröße &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>&lt;b&gt;Metrics&lt;/b&gt; — the registers or values read from this source, in order</source>
        <translation>&lt;b&gt;Messgrößen&lt;/b&gt; – die Zählwerke oder Werte, die an dieser Messstelle abgelesen werden, in Reihenfolge</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>&amp;Allgemein</translation>
    </message>
    <message>
        <source>&amp;Metrics</source>
        <translation>&amp;Messgrößen</translation>
    </message>
    <message>
        <source>Meter c&amp;hanges</source>
        <translation>Zähler&amp;wechsel</translation>
    </message>
    <message>
        <source>&amp;Tariffs</source>
        <translation>&amp;Tarife</translation>
    </message>
    <message>
        <source>E&amp;nergy</source>
        <translation>E&amp;nergie</translation>
    </message>
    <message>
        <source>Heat pump (high)</source>
        <translation>Wärmepumpe (hoch)</translation>
    </message>
    <message>
        <source>Rolled over (12 digits)</source>
        <translation>Überlauf (12 Stellen)</translation>
    </message>
    <message>
        <source>Old final value</source>
        <translation>Endstand alt</translation>
    </message>
    <message>
        <source>New start value</source>
        <translation>Anfangsstand neu</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Heat pump (high tariff)</source>
        <translation>Wärmepumpe (Hochtarif)</translation>
    </message>
    <message>
        <source>0.888888 / kWh</source>
        <translation>0,888888 / kWh</translation>
    </message>
    <message>
        <source>Standing charge / day</source>
        <translation>Grundpreis / Tag</translation>
    </message>
    <message>
        <source>A&amp;dd…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Save again to overwrite it.</source>
        <translation>Speichern Sie erneut, um sie zu überschreiben.</translation>
    </message>
    <message>
        <source>Its stored values will be deleted when you save.</source>
        <translation>Ihre gespeicherten Werte werden beim Speichern gelöscht.</translation>
    </message>
    <message numerus="yes">
        <source>Its %Ln stored value(s) will be deleted when you save.</source>
        <translation>
            <numerusform>Ihr %Ln gespeicherter Wert wird beim Speichern gelöscht.</numerusform>
            <numerusform>Ihre %Ln gespeicherten Werte werden beim Speichern gelöscht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Its %Ln meter change(s) and tariff(s) go with it.</source>
        <translation>
            <numerusform>Ihr %Ln Zählerwechsel oder Tarif wird mit entfernt.</numerusform>
            <numerusform>Ihre %Ln Zählerwechsel und Tarife werden mit entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove metric</source>
        <translation>Messgröße entfernen</translation>
    </message>
    <message>
        <source>Remove the metric “{name}”?</source>
        <translation>Die Messgröße „{name}“ entfernen?</translation>
    </message>
    <message>
        <source>Cancel keeps them.</source>
        <translation>Abbrechen behält sie.</translation>
    </message>
    <message>
        <source>Remove metric and values</source>
        <translation>Messgröße und Werte entfernen</translation>
    </message>
    <message>
        <source>Only counters have meter changes: add a counter first.</source>
        <translation>Zählerwechsel gibt es nur bei Zählerständen: Fügen Sie zuerst eine solche Messgröße hinzu.</translation>
    </message>
    <message>
        <source>Gauges have no cost: add a counter or interval metric.</source>
        <translation>Momentanwerte haben keine Kosten: Fügen Sie einen Zählerstand oder ein Intervall hinzu.</translation>
    </message>
    <message>
        <source>Meter c&amp;hanges ({count})</source>
        <translation>Zähler&amp;wechsel ({count})</translation>
    </message>
    <message>
        <source>&amp;Tariffs ({count})</source>
        <translation>&amp;Tarife ({count})</translation>
    </message>
    <message>
        <source>New source</source>
        <translation>Neue Messstelle</translation>
    </message>
    <message>
        <source>Edit source — {name}</source>
        <translation>Messstelle bearbeiten – {name}</translation>
    </message>
    <message>
        <source>Meter changes, row {row}: “{name}” is no longer a counter; remove the change or make the metric a counter again.</source>
        <extracomment>&quot;name&quot;, &quot;interval&quot;, &quot;metrics&quot;, &quot;events&quot;, &quot;tariffs&quot;, or &quot;&quot; for the form as a whole. Row of the metric (meter change, tariff) concerned in its table, if any. Where the source form shows the problems of each field of a source. Ids of stored changes with no reading of their metric before or after them (flagged in the tab). Derived from the stored readings, not part of what the form edits (so not compared).</extracomment>
        <translation>Zählerwechsel, Zeile {row}: „{name}“ ist kein Zählerstand mehr; entfernen Sie den Wechsel oder machen Sie die Messgröße wieder zum Zählerstand.</translation>
    </message>
    <message>
        <source>Tariffs, row {row}: “{name}” is a gauge, which has no cost; remove the tariff or change the metric&apos;s kind.</source>
        <translation>Tarife, Zeile {row}: „{name}“ ist ein Momentanwert, der keine Kosten hat; entfernen Sie den Tarif oder ändern Sie die Art der Messgröße.</translation>
    </message>
    <message>
        <source>Meter changes, row {row}: {problem}</source>
        <translation>Zählerwechsel, Zeile {row}: {problem}</translation>
    </message>
    <message>
        <source>Tariffs, row {row}: {problem}</source>
        <translation>Tarife, Zeile {row}: {problem}</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <source>Reports and charts</source>
        <extracomment>The Reports page&apos;s module (numpy with it): imported in a worker thread the first time.</extracomment>
        <translation>Berichte und Diagramme</translation>
    </message>
    <message>
        <source>Consumption and cost per period, with charts (Ctrl+3)</source>
        <translation>Verbrauch und Kosten je Zeitraum, mit Diagrammen (Strg+3)</translation>
    </message>
    <message>
        <source>Change the source&apos;s name, metrics, tariffs and meter changes (Ctrl+E)</source>
        <translation>Name, Messgrößen, Tarife und Zählerwechsel der Messstelle ändern (Strg+E)</translation>
    </message>
    <message>
        <source>Edit source…</source>
        <extracomment>A reading was double-clicked. The table&apos;s current reading (the user&apos;s selection, or one selected for them). The shown virtual meter&apos;s inputs, named (&quot;&quot; for any other source). Starts a coroutine for the page (the window&apos;s one way to do it). Shows an expected error (the window&apos;s banner).</extracomment>
        <translation>Messstelle bearbeiten…</translation>
    </message>
    <message>
        <source>Filter: note text, or a date like 2025, 2025-03 or 2025-03-14</source>
        <translation>Filter: Notiztext oder ein Datum wie 2025, 2025-03 oder 2025-03-14</translation>
    </message>
    <message>
        <source>Text in the note, or a date like 2025, 2025-03 or 2025-03-14</source>
        <translation>Text in der Notiz oder ein Datum wie 2025, 2025-03 oder 2025-03-14</translation>
    </message>
    <message>
        <source>Filter readings</source>
        <translation>Ablesungen filtern</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>Ablesungen</translation>
    </message>
    <message>
        <source>Every reading of the source (Ctrl+2)</source>
        <translation>Alle Ablesungen der Messstelle (Strg+2)</translation>
    </message>
    <message>
        <source>  (archived)</source>
        <translation>  (archiviert)</translation>
    </message>
    <message>
        <source>virtual meter: {formula}</source>
        <translation>virtueller Zähler: {formula}</translation>
    </message>
    <message numerus="yes">
        <source>read every %n day(s)</source>
        <translation>
            <numerusform>täglich abgelesen</numerusform>
            <numerusform>alle %n Tage abgelesen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln matching</source>
        <translation>
            <numerusform>%Ln Treffer</numerusform>
            <numerusform>%Ln Treffer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln reading(s)</source>
        <translation>
            <numerusform>%Ln Ablesung</numerusform>
            <numerusform>%Ln Ablesungen</numerusform>
        </translation>
    </message>
    <message>
        <source>No readings match the filter.</source>
        <translation>Keine Ablesungen passen zum Filter.</translation>
    </message>
    <message>
        <source>No readings of “{name}” yet.

Press Ctrl+N or “New Reading” to record the first one.</source>
        <translation>Noch keine Ablesungen von „{name}“.

Drücken Sie Strg+N oder „Neue Ablesung“, um die erste zu erfassen.</translation>
    </message>
    <message>
        <source>Preparing the reports…</source>
        <translation>Bereite die Berichte vor…</translation>
    </message>
</context>
<context>
    <name>Sources</name>
    <message>
        <source>No readings yet</source>
        <extracomment>The source&apos;s name, lower-cased, for sorting. The SourceSummary of the row. &quot;3 days ago · 12 Nov&quot; or &quot;No readings yet&quot;. True when a reading is due (the source&apos;s interval has passed). True for an archived source.</extracomment>
        <translation>Noch keine Ablesungen</translation>
    </message>
    <message>
        <source>%1 (archived)</source>
        <translation>%1 (archiviert)</translation>
    </message>
    <message>
        <source>“{name}”</source>
        <translation>„{name}“</translation>
    </message>
    <message>
        <source>Virtual meter</source>
        <translation>Virtueller Zähler</translation>
    </message>
    <message>
        <source>an existing meter cannot become one: create a new virtual meter instead.</source>
        <translation>Ein bestehender Zähler kann keiner werden: Legen Sie stattdessen einen neuen virtuellen Zähler an.</translation>
    </message>
    <message>
        <source>The metric “{name}”</source>
        <translation>Die Messgröße „{name}“</translation>
    </message>
    <message>
        <source>The unit of “{name}” cannot change: the metric</source>
        <translation>Die Einheit von „{name}“ kann sich nicht ändern: Die Messgröße</translation>
    </message>
    <message>
        <source>“{name}” cannot become a gauge: it</source>
        <translation>„{name}“ kann kein Momentanwert werden: Die Messgröße</translation>
    </message>
    <message>
        <source>Last reading: %1 (%2)</source>
        <translation>Letzte Ablesung: %1 (%2)</translation>
    </message>
    <message>
        <source>Virtual meter: computed from other meters, no readings of its own</source>
        <translation>Virtueller Zähler: aus anderen Zählern berechnet, ohne eigene Ablesungen</translation>
    </message>
    <message numerus="yes">
        <source>Read every %n day(s)</source>
        <translation>
            <numerusform>Täglich abgelesen</numerusform>
            <numerusform>Alle %n Tage abgelesen</numerusform>
        </translation>
    </message>
    <message>
        <source> — &lt;b&gt;a reading is due&lt;/b&gt;</source>
        <translation> – &lt;b&gt;Ablesung fällig&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Archived: kept for history, no reminders</source>
        <translation>Archiviert: für den Verlauf aufbewahrt, keine Erinnerungen</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>Bevorstehend</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>Vor %n Tag</numerusform>
            <numerusform>Vor %n Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n week(s) ago</source>
        <translation>
            <numerusform>Vor %n Woche</numerusform>
            <numerusform>Vor %n Wochen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) ago</source>
        <translation>
            <numerusform>Vor %n Monat</numerusform>
            <numerusform>Vor %n Monaten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s) ago</source>
        <translation>
            <numerusform>Vor %n Jahr</numerusform>
            <numerusform>Vor %n Jahren</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>What the import did. You can save it as a text file.</source>
        <translation>Was der Import getan hat. Sie können es als Textdatei speichern.</translation>
    </message>
    <message>
        <source>Save summary…</source>
        <translation>Zusammenfassung speichern…</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln reading(s) into {count} sources.</source>
        <translation>
            <numerusform>%Ln Ablesung in {count} Messstellen importiert.</numerusform>
            <numerusform>%Ln Ablesungen in {count} Messstellen importiert.</numerusform>
        </translation>
    </message>
    <message>
        <source> All of them are new.</source>
        <translation> Alle sind neu.</translation>
    </message>
    <message>
        <source> {new} of them are new.</source>
        <translation> Davon sind {new} neu.</translation>
    </message>
    <message>
        <source> The source is new.</source>
        <translation> Die Messstelle ist neu.</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was changed.</source>
        <translation>Import abgebrochen: Es wurde nichts verändert.</translation>
    </message>
    <message>
        <source>{name} import summary.txt</source>
        <translation>{name} Importzusammenfassung.txt</translation>
    </message>
    <message>
        <source>Save the import summary</source>
        <translation>Die Import-Zusammenfassung speichern</translation>
    </message>
    <message>
        <source>Text file (*.txt)</source>
        <translation>Textdatei (*.txt)</translation>
    </message>
</context>
<context>
    <name>TableCopy</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the selected rows (tab-separated, for a spreadsheet)</source>
        <translation>Die gewählten Zeilen kopieren (tabulatorgetrennt, für eine Tabellenkalkulation)</translation>
    </message>
</context>
<context>
    <name>TariffDialog</name>
    <message>
        <source>Add tariff</source>
        <translation>Tarif hinzufügen</translation>
    </message>
    <message>
        <source>Edit tariff</source>
        <translation>Tarif bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Metric:</source>
        <translation>&amp;Messgröße:</translation>
    </message>
    <message>
        <source>&amp;Valid from:</source>
        <translation>&amp;Gültig ab:</translation>
    </message>
    <message>
        <source>&amp;Unit price:</source>
        <translation>&amp;Arbeitspreis:</translation>
    </message>
    <message>
        <source>per day</source>
        <translation>pro Tag</translation>
    </message>
    <message>
        <source>&amp;Standing charge:</source>
        <translation>G&amp;rundpreis:</translation>
    </message>
    <message>
        <source>C&amp;urrency:</source>
        <translation>&amp;Währung:</translation>
    </message>
    <message>
        <source>choose a counter or interval metric (gauges have no cost)</source>
        <translation>wählen Sie einen Zählerstand oder ein Intervall (Momentanwerte haben keine Kosten)</translation>
    </message>
    <message>
        <source>is needed (the price per unit; 0 if only a standing charge applies)</source>
        <translation>wird benötigt (der Preis je Einheit; 0, wenn nur ein Grundpreis gilt)</translation>
    </message>
</context>
<context>
    <name>TrayReminders</name>
    <message>
        <source>Show {app}</source>
        <extracomment>QSettings key of the on/off choice. How often a running Home Log looks whether a new day&apos;s reminder is due. How long a notification stays (the desktop may shorten it). Every reminder shown (newest last), for tests and the status bar fallback.</extracomment>
        <translation>{app} zeigen</translation>
    </message>
    <message>
        <source>Meter Round…</source>
        <translation>Ableserunde…</translation>
    </message>
    <message>
        <source>(Ctrl+R: meter round)</source>
        <translation>(Strg+R: Ableserunde)</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message numerus="yes">
        <source>This import cannot be undone: it replaced %Ln reading(s).</source>
        <translation>
            <numerusform>Dieser Import kann nicht rückgängig gemacht werden: Er hat %Ln Ablesung ersetzt.</numerusform>
            <numerusform>Dieser Import kann nicht rückgängig gemacht werden: Er hat %Ln Ablesungen ersetzt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import %Ln Reading(s)</source>
        <translation>
            <numerusform>Import von %Ln Ablesung</numerusform>
            <numerusform>Import von %Ln Ablesungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import %n Source(s)</source>
        <translation>
            <numerusform>Import von %n Messstelle</numerusform>
            <numerusform>Import von %n Messstellen</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove Member “{name}”</source>
        <translation>Entfernen des Mitglieds „{name}“</translation>
    </message>
    <message>
        <source>Remove Member</source>
        <translation>Entfernen des Mitglieds</translation>
    </message>
    <message>
        <source>Add Member “{name}”</source>
        <translation>Hinzufügen des Mitglieds „{name}“</translation>
    </message>
    <message>
        <source>Edit Member “{name}”</source>
        <translation>Bearbeiten des Mitglieds „{name}“</translation>
    </message>
    <message numerus="yes">
        <source>Meter Round (%Ln Reading(s))</source>
        <translation>
            <numerusform>Ableserunde (%Ln Ablesung)</numerusform>
            <numerusform>Ableserunde (%Ln Ablesungen)</numerusform>
        </translation>
    </message>
    <message>
        <source>Add Reading</source>
        <extracomment>ReadingContext around the form&apos;s timestamp (previous/next value per metric, recent rates). list[Member] for the &quot;Entered by&quot; choice. list[Issue]: warnings of the save-time check that the caller has not accepted. The stored Reading. bool: a save waits for another program to finish writing (True), or no longer (False). The user stopped waiting (cancel_save): nothing was stored, the form keeps what was typed. ConflictError: someone else saved this reading since the form opened; nothing was stored. The form asks: reload (``reload``) or overwrite (``save`` again with ``overwriting``). The Reading as stored now, after ``reload`` (the form shows it instead of what was typed). What the signed-in member may do (whom the form may name as the author). The reading being edited (after a save: as stored); None for a new one. Where the form starts: the reading&apos;s time, or now to the minute for a new reading. The last save&apos;s conflict, until the next save or reload. Where committed saves are recorded for Edit → Undo (None: not recorded).</extracomment>
        <translation>Hinzufügen der Ablesung</translation>
    </message>
    <message>
        <source>Edit Reading</source>
        <translation>Bearbeiten der Ablesung</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln Reading(s)</source>
        <extracomment>(Source | None, total rows) Rows were deleted: (how many) Told what changed after each committed write (without one, the table reloads itself). Where committed deletes are recorded for Edit → Undo (None: not recorded). Rows fetched together with the count (in parallel) so the table opens on them at once; 0 fetches none. A table model sets it to its page size.</extracomment>
        <translation>
            <numerusform>Löschen von %Ln Ablesung</numerusform>
            <numerusform>Löschen von %Ln Ablesungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Add Source “{name}”</source>
        <extracomment>MeterChanges: the stored meter changes and tariffs of the source (empty for a new one). dict[int, int]: metric id -&gt; number of stored values. Declared ``object``, not ``dict``: PySide turns a dict into a QVariantMap, which only has string keys, and delivers ``{}`` instead. ConflictError: someone else changed the source (or its tariffs) since the form opened; nothing was stored. The form asks: ``reload``, or ``save(..., overwrite=True)``. The Source as stored now, after ``reload`` (its changes come with ``changes_loaded``). What the signed-in member may do (who may own the source). Conversion factors and advance payments, read and saved with the source (viewmodels/energy.py). The stored meter changes and tariffs (after load(), and after a save). True once load() has read what the form shows. metric id -&gt; number of stored values, once loaded. Where the last refused save should be shown; None if it was not about a field. The last save&apos;s conflict, until the next save or reload. Where committed saves are recorded for Edit → Undo (None: not recorded).</extracomment>
        <translation>Hinzufügen der Messstelle „{name}“</translation>
    </message>
    <message>
        <source>Edit Source “{name}”</source>
        <translation>Bearbeiten der Messstelle „{name}“</translation>
    </message>
    <message>
        <source>Archive Source “{name}”</source>
        <extracomment>(list[SourceSummary], now: datetime) — ``now`` is when the list was read, for ages and overdue badges. A source was deleted: (source id, readings that went with it) (source id, readings it has): answer to count_readings, for the delete confirmation. Refreshed with the list (the members&apos; names its reasons use). Told what changed after each committed write (without one, the list reloads itself). Where committed archives and deletes are recorded for Edit → Undo (None: not recorded). Archived sources the last load left out (show_archived off): an empty list then does not mean an empty database.</extracomment>
        <translation>Archivieren der Messstelle „{name}“</translation>
    </message>
    <message>
        <source>Unarchive Source “{name}”</source>
        <translation>Reaktivieren der Messstelle „{name}“</translation>
    </message>
    <message>
        <source>Delete Source “{name}”</source>
        <translation>Löschen der Messstelle „{name}“</translation>
    </message>
    <message>
        <source>Undone: {name}</source>
        <extracomment>The state the Edit menu shows changed (can undo/redo, their names, busy). A step committed: its status message (&quot;Undone: Delete 3 Readings&quot;). The commands, as the stack holds them (Python keeps the data; index i is command i).</extracomment>
        <translation>Rückgängig gemacht: {name}</translation>
    </message>
    <message>
        <source>Redone: {name}</source>
        <translation>Wiederholt: {name}</translation>
    </message>
    <message>
        <source>{message}. Another change was saved meanwhile: nothing more to undo or redo.</source>
        <translation>{message}. Inzwischen wurde eine andere Änderung gespeichert: Nichts mehr rückgängig zu machen oder zu wiederholen.</translation>
    </message>
    <message>
        <source>Add Virtual Meter “{name}”</source>
        <translation>Hinzufügen des virtuellen Zählers „{name}“</translation>
    </message>
    <message>
        <source>Edit Virtual Meter “{name}”</source>
        <translation>Bearbeiten des virtuellen Zählers „{name}“</translation>
    </message>
    <message>
        <source>Cannot {step}: {this} was deleted since (in another window, program or by another member). Nothing was changed.</source>
        <extracomment>A row&apos;s primary key: its id, or (reading_id, metric_id) for a reading&apos;s value. A stored row as plain values, by column name. The tables an edit may touch, parents before children (inserts in this order, deletes reversed). Most stored readings an import may replace and still be undone: the replaced rows are kept in memory (with their values and meter changes) to be put back; an import replacing more is not recorded, and its summary says so. Primary-key columns of each table. Tables whose rows carry a version (migration 0008); the others are compared by their contents. Columns that record a change rather than the row&apos;s contents. What a row is called in a refusal. Members: their row and password. Sources: their row, metrics, tariffs, meter changes, conversion factors, advance payments and a virtual meter&apos;s inputs. Sources whose row alone is touched (a removed member owned them). Readings: their row, values and the meter changes recorded with them. Every reading (with values) of these sources. Every value of these metrics (a metric removed, or made an interval metric). (source id, id runs) per source: the readings of an import, by the inclusive runs (lo, hi) of ids it gave them (never more: a reading another program added meanwhile keeps its own id outside them). A standard-format file may go into several sources. Metrics: their row, tariffs, conversion factors and virtual meter inputs, and the inputs of virtual meters that name them (metrics an import added to a stored source). Single rows by table and id (the tariffs, meter changes, conversion factors and advance payments an import added to a stored source). The stored rows to delete. The stored row now (None: deleted since). Whether the step expected the row (False: it was added since). The tables of what an import adds besides readings (sources, metrics and what hangs on them). An import&apos;s readings per source: (source id, inclusive id runs (lo, hi)). The rows the import added besides readings, as it left them (tables of STRUCTURE). The ids of the readings it stored, per source.</extracomment>
        <translation>{step} ist nicht möglich: {this} wurde inzwischen gelöscht (in einem anderen Fenster, Programm oder von einem anderen Mitglied). Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Cannot {step}: {one} was added since by {who} at {when}. Nothing was changed.</source>
        <translation>{step} ist nicht möglich: {one} wurde inzwischen von {who} um {when} hinzugefügt. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Cannot {step}: {one} was added since by {who}. Nothing was changed.</source>
        <translation>{step} ist nicht möglich: {one} wurde inzwischen von {who} hinzugefügt. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Cannot {step}: {one} was added since by someone else (another window or program) at {when}. Nothing was changed.</source>
        <translation>{step} ist nicht möglich: {one} wurde inzwischen von jemand anderem (einem anderen Fenster oder Programm) um {when} hinzugefügt. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Cannot {step}: {one} was added since by someone else (another window or program). Nothing was changed.</source>
        <translation>{step} ist nicht möglich: {one} wurde inzwischen von jemand anderem (einem anderen Fenster oder Programm) hinzugefügt. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Cannot {step}: {this} was changed by {who} at {when}, since. Nothing was changed.</source>
        <translation>{step} ist nicht möglich: {this} wurde inzwischen von {who} um {when} geändert. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Cannot {step}: {this} was changed by {who}, since. Nothing was changed.</source>
        <translation>{step} ist nicht möglich: {this} wurde inzwischen von {who} geändert. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Cannot {step}: {this} was changed by someone else (another window or program) at {when}, since. Nothing was changed.</source>
        <translation>{step} ist nicht möglich: {this} wurde inzwischen von jemand anderem (einem anderen Fenster oder Programm) um {when} geändert. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Cannot {step}: {this} was changed by someone else (another window or program), since. Nothing was changed.</source>
        <translation>{step} ist nicht möglich: {this} wurde inzwischen von jemand anderem (einem anderen Fenster oder Programm) geändert. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Cannot {step}: its readings are in use elsewhere, or a reading it would put back clashes with one added since (at the same time). Nothing was changed.</source>
        <translation>{step} ist nicht möglich: Seine Ablesungen werden anderswo verwendet, oder eine Ablesung, die wiederhergestellt würde, kollidiert mit einer inzwischen hinzugefügten (zur selben Zeit). Nichts wurde geändert.</translation>
    </message>
</context>
<context>
    <name>UnitToggle</name>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>as metered</source>
        <translation>wie gezählt</translation>
    </message>
    <message>
        <source>Consumption and averages in {unit} (what the bill uses)</source>
        <translation>Verbrauch und Mittelwerte in {unit} (wie auf der Rechnung)</translation>
    </message>
    <message>
        <source>Consumption as the meter counts it ({metered}); costs stay priced per {unit}</source>
        <translation>Verbrauch, wie der Zähler ihn zählt ({metered}); die Kosten bleiben je {unit} berechnet</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>“{raw}” is ambiguous: write {whole} for the whole number, or use “{point}” for decimals</source>
        <extracomment>A jump is suspicious when the daily rate since the previous reading is this many times the recent one. Tolerance for a timestamp &quot;in the future&quot; (clocks differ a little). Largest number of significant digits a value keeps exactly. An interval value&apos;s period start (None: not an interval value, or not known). Recent consumption per day of each counter metric, where known. Another reading of the same source exists at exactly this timestamp. Meter changes of the source (stored, and any about to be saved with the reading), oldest first. Digits in groups of three after one to three leading digits, as in 1&apos;234 or 12&apos;345&apos;678.</extracomment>
        <translation>„{raw}“ ist mehrdeutig: Schreiben Sie {whole} für die ganze Zahl, oder verwenden Sie „{point}“ für Nachkommastellen</translation>
    </message>
    <message>
        <source>“{raw}” is not a finite number</source>
        <translation>„{raw}“ ist keine endliche Zahl</translation>
    </message>
    <message>
        <source>“{raw}” is not a number</source>
        <translation>„{raw}“ ist keine Zahl</translation>
    </message>
    <message>
        <source>is not a finite number</source>
        <extracomment>A number longer than this is shortened in messages (a 1,000-digit cell must not make a 1,000-character message).</extracomment>
        <translation>ist keine endliche Zahl</translation>
    </message>
    <message>
        <source>{value} is too large (the limit is 10¹²)</source>
        <translation>{value} ist zu groß (die Grenze ist 10¹²)</translation>
    </message>
    <message>
        <source>no decimals</source>
        <translation>keine Nachkommastellen</translation>
    </message>
    <message numerus="yes">
        <source>at most %n decimal(s)</source>
        <translation>
            <numerusform>höchstens %n Nachkommastelle</numerusform>
            <numerusform>höchstens %n Nachkommastellen</numerusform>
        </translation>
    </message>
    <message>
        <source>{value} has too many decimals ({places} for this metric)</source>
        <translation>{value} hat zu viele Nachkommastellen ({places} für diese Messgröße)</translation>
    </message>
    <message>
        <source>{value} has more digits than can be stored exactly</source>
        <translation>{value} hat mehr Stellen, als sich exakt speichern lassen</translation>
    </message>
    <message>
        <source>{value} does not fit a register of {digits} digits</source>
        <translation>{value} passt nicht in ein Zählwerk mit {digits} Stellen</translation>
    </message>
    <message>
        <source>is not a metric of this source</source>
        <extracomment>Why a virtual meter takes no readings (domain/virtual.py).</extracomment>
        <translation>ist keine Messgröße dieser Messstelle</translation>
    </message>
    <message>
        <source>Enter a value for at least one metric.</source>
        <translation>Geben Sie einen Wert für mindestens eine Messgröße ein.</translation>
    </message>
    <message>
        <source>is in the future</source>
        <translation>liegt in der Zukunft</translation>
    </message>
    <message>
        <source>Timestamp</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>another reading of this source has the same time (edit that one, or change the time)</source>
        <translation>eine andere Ablesung dieser Messstelle hat denselben Zeitpunkt (bearbeiten Sie jene oder ändern Sie den Zeitpunkt)</translation>
    </message>
    <message>
        <source>has no period start (there is no earlier reading): the amount is not counted until its period has a start</source>
        <translation>hat keinen Beginn des Zeitraums (es gibt keine frühere Ablesung): Die Menge zählt erst, wenn ihr Zeitraum einen Beginn hat</translation>
    </message>
    <message>
        <source>the period must start before the reading&apos;s time (its end)</source>
        <translation>der Zeitraum muss vor dem Zeitpunkt der Ablesung (seinem Ende) beginnen</translation>
    </message>
    <message>
        <source>{metric}: period start</source>
        <translation>{metric}: Beginn des Zeitraums</translation>
    </message>
    <message>
        <source>starts before the previous reading, where the previous amount&apos;s period ends: the overlap counts twice</source>
        <translation>beginnt vor der vorigen Ablesung, wo der Zeitraum der vorigen Menge endet: Die Überschneidung zählt doppelt</translation>
    </message>
    <message>
        <source>the next amount&apos;s period starts before this reading&apos;s time: the overlap counts twice</source>
        <translation>der Zeitraum der nächsten Menge beginnt vor dem Zeitpunkt dieser Ablesung: Die Überschneidung zählt doppelt</translation>
    </message>
    <message>
        <source>{metric}: period</source>
        <translation>{metric}: Zeitraum</translation>
    </message>
    <message>
        <source>{value} is lower than the new meter&apos;s start value recorded for the meter change since the previous reading</source>
        <translation>{value} ist niedriger als der Anfangsstand des neuen Zählers, der für den Zählerwechsel seit der vorigen Ablesung erfasst wurde</translation>
    </message>
    <message>
        <source>{value} is lower than the previous reading ({previous}); was the meter replaced?</source>
        <translation>{value} ist niedriger als die vorige Ablesung ({previous}); wurde der Zähler getauscht?</translation>
    </message>
    <message>
        <source>{value} is higher than the next reading ({next})</source>
        <translation>{value} ist höher als die nächste Ablesung ({next})</translation>
    </message>
    <message>
        <source>{used} {unit} since the previous reading ({rate}/day) is far above the recent {usual}/day</source>
        <translation>{used} {unit} seit der vorigen Ablesung ({rate}/Tag) liegt weit über den zuletzt üblichen {usual}/Tag</translation>
    </message>
    <message>
        <source>{change} on {time}</source>
        <translation>{change} am {time}</translation>
    </message>
    <message>
        <source>{change}: enter the value read, or remove it</source>
        <translation>{change}: Geben Sie den abgelesenen Wert ein oder entfernen Sie ihn</translation>
    </message>
    <message>
        <source>{change} is not between the previous reading and this one: change it or remove it</source>
        <translation>{change} liegt nicht zwischen der vorigen und dieser Ablesung: Ändern oder entfernen Sie ihn</translation>
    </message>
</context>
<context>
    <name>Virtual</name>
    <message>
        <source>“{name}” is computed from a meter you cannot see, so its figures are not shown to you. Ask its owner to make its inputs public.</source>
        <extracomment>The input&apos;s source is itself a virtual meter.</extracomment>
        <translation>„{name}“ wird aus einem Zähler berechnet, den Sie nicht sehen können; daher werden Ihnen seine Zahlen nicht gezeigt. Bitten Sie seinen Besitzer, seine Eingänge öffentlich zu machen.</translation>
    </message>
    <message>
        <source>A virtual meter has exactly one metric.</source>
        <translation>Ein virtueller Zähler hat genau eine Messgröße.</translation>
    </message>
    <message>
        <source>A virtual meter&apos;s metric counts consumption.</source>
        <translation>Die Messgröße eines virtuellen Zählers zählt Verbrauch.</translation>
    </message>
    <message>
        <source>Inputs: a virtual meter needs at least one input. Click “Add input”.</source>
        <translation>Eingänge: Ein virtueller Zähler braucht mindestens einen Eingang. Klicken Sie auf „Eingang hinzufügen“.</translation>
    </message>
    <message>
        <source>Inputs: a virtual meter cannot use itself, also not through another virtual meter that uses it.</source>
        <translation>Eingänge: Ein virtueller Zähler kann sich nicht selbst verwenden, auch nicht über einen anderen virtuellen Zähler, der ihn verwendet.</translation>
    </message>
    <message>
        <source>Input {row}</source>
        <translation>Eingang {row}</translation>
    </message>
    <message>
        <source>must be added (+) or subtracted (−)</source>
        <translation>muss addiert (+) oder abgezogen (−) werden</translation>
    </message>
    <message>
        <source>is this virtual meter itself</source>
        <translation>ist dieser virtuelle Zähler selbst</translation>
    </message>
    <message>
        <source>that metric no longer exists (or you cannot see it): choose another</source>
        <translation>diese Messgröße gibt es nicht mehr (oder Sie können sie nicht sehen): Wählen Sie eine andere</translation>
    </message>
    <message>
        <source>Input {row} ({name})</source>
        <translation>Eingang {row} ({name})</translation>
    </message>
    <message>
        <source>is already an input</source>
        <translation>ist bereits ein Eingang</translation>
    </message>
    <message>
        <source>is a gauge (an instantaneous value): it has no consumption to add or subtract</source>
        <translation>ist ein Momentanwert: Er hat keinen Verbrauch, der addiert oder abgezogen werden könnte</translation>
    </message>
    <message>
        <source>is in {unit}, this virtual meter in {own}: only metrics of the same unit can be added or subtracted</source>
        <translation>ist in {unit}, dieser virtuelle Zähler in {own}: Nur Messgrößen derselben Einheit lassen sich addieren oder abziehen</translation>
    </message>
    <message>
        <source>no unit</source>
        <translation>keiner Einheit</translation>
    </message>
    <message numerus="yes">
        <source>{what} is an input of the virtual meter(s) {names}: remove it there first.</source>
        <translation>
            <numerusform>{what} ist ein Eingang des virtuellen Zählers {names}: Entfernen Sie den Eingang zuerst dort.</numerusform>
            <numerusform>{what} ist ein Eingang der virtuellen Zähler {names}: Entfernen Sie den Eingang zuerst dort.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VirtualInputs</name>
    <message>
        <source> (virtual)</source>
        <translation> (virtuell)</translation>
    </message>
    <message>
        <source>{kind} in {unit}; {visibility}</source>
        <translation>{kind} in {unit}; {visibility}</translation>
    </message>
    <message>
        <source>no unit</source>
        <translation>ohne Einheit</translation>
    </message>
    <message>
        <source>public</source>
        <translation>öffentlich</translation>
    </message>
    <message>
        <source>private</source>
        <translation>privat</translation>
    </message>
</context>
<context>
    <name>VirtualMeterDialog</name>
    <message>
        <source>Tariffs, row {row}: {error}</source>
        <extracomment>list[InputFacts]: every metric the member may use (counters and interval metrics they can see). The stored virtual meter. list[Issue]: what the repository refused (placed by the dialog on the terms). ConflictError: someone else changed the virtual meter (or its tariffs) since the form loaded it; nothing was stored. The form asks, as the source form does: ``reload``, or ``save(..., overwrite=True)``. The virtual meter as stored now, after ``reload`` (its tariffs in ``tariffs``). The stored tariffs of its metric (read by ``load``, again after a save). Where committed saves are recorded for Edit → Undo (None: not recorded). The last save&apos;s conflict, until the next save or reload.</extracomment>
        <translation>Tarife, Zeile {row}: {error}</translation>
    </message>
    <message>
        <source>+ add</source>
        <extracomment>The sign choices of a term: (text, sign).</extracomment>
        <translation>+ addieren</translation>
    </message>
    <message>
        <source>− subtract</source>
        <translation>− abziehen</translation>
    </message>
    <message>
        <source>A virtual meter is computed from other meters: their consumption added or subtracted, per period (house − heat pump; solar production − feed-in). It has no readings of its own; reports, the dashboard, charts and exports show its figures like any meter&apos;s.</source>
        <translation>Ein virtueller Zähler wird aus anderen Zählern berechnet: deren Verbrauch je Zeitraum addiert oder abgezogen (Haus − Wärmepumpe; Solarertrag − Einspeisung). Er hat keine eigenen Ablesungen; Berichte, Übersicht, Diagramme und Exporte zeigen seine Zahlen wie die jedes Zählers.</translation>
    </message>
    <message>
        <source>Add or subtract</source>
        <extracomment>The key of a new virtual meter&apos;s metric in the tariff list (a stored one&apos;s is its id).</extracomment>
        <translation>Addieren oder abziehen</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove this input</source>
        <translation>Diesen Eingang entfernen</translation>
    </message>
    <message>
        <source>Consumption</source>
        <extracomment>The choices of inputs have arrived (before, no problem is shown: the form is not filled yet). The question after a conflicting save, while it is open. After a conflict the user chose to keep editing: the next save overwrites.</extracomment>
        <translation>Verbrauch</translation>
    </message>
    <message>
        <source>Edit Virtual Meter “{name}”</source>
        <translation>Virtuellen Zähler „{name}“ bearbeiten</translation>
    </message>
    <message>
        <source>New Virtual Meter</source>
        <translation>Neuer virtueller Zähler</translation>
    </message>
    <message>
        <source>e.g. House without heat pump</source>
        <translation>z. B. Haus ohne Wärmepumpe</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Kategorie:</translation>
    </message>
    <message>
        <source>&amp;Metric name:</source>
        <translation>Name der &amp;Messgröße:</translation>
    </message>
    <message>
        <source>&amp;Decimals:</source>
        <translation>&amp;Nachkommastellen:</translation>
    </message>
    <message>
        <source>Public: every member of the household sees it</source>
        <translation>Öffentlich: Jedes Mitglied des Haushalts sieht ihn</translation>
    </message>
    <message>
        <source>&amp;Add Input</source>
        <translation>Eingang &amp;hinzufügen</translation>
    </message>
    <message>
        <source>In&amp;puts</source>
        <translation>Ein&amp;gänge</translation>
    </message>
    <message>
        <source>&amp;Tariffs</source>
        <translation>&amp;Tarife</translation>
    </message>
    <message>
        <source>Its price per unit from a day on: reports and the dashboard show its cost.</source>
        <translation>Sein Arbeitspreis ab einem Tag: Berichte und Übersicht zeigen seine Kosten.</translation>
    </message>
    <message>
        <source>Add Ta&amp;riff…</source>
        <translation>Ta&amp;rif hinzufügen…</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Tariffs ({count})</source>
        <translation>&amp;Tarife ({count})</translation>
    </message>
    <message>
        <source>Unit: {unit}</source>
        <translation>Einheit: {unit}</translation>
    </message>
    <message>
        <source>No meter can be an input yet: add a meter with a counter or interval metric first.</source>
        <translation>Noch kann kein Zähler ein Eingang sein: Fügen Sie zuerst einen Zähler mit einer Zählerstand- oder Intervall-Messgröße hinzu.</translation>
    </message>
    <message>
        <source>Save again to overwrite it.</source>
        <translation>Speichern Sie erneut, um sie zu überschreiben.</translation>
    </message>
    <message>
        <source>Name is required: enter what this virtual meter is called.</source>
        <translation>Name erforderlich: Geben Sie an, wie dieser virtuelle Zähler heißt.</translation>
    </message>
</context>
<context>
    <name>VirtualText</name>
    <message>
        <source>“{name}” is a virtual meter, computed from its inputs:
{formula}

It has no readings of its own. Its consumption per period is on the Reports and Charts tab (Ctrl+3).</source>
        <translation>„{name}“ ist ein virtueller Zähler, aus seinen Eingängen berechnet:
{formula}

Er hat keine eigenen Ablesungen. Sein Verbrauch je Zeitraum steht im Reiter „Berichte und Diagramme“ (Strg+3).</translation>
    </message>
    <message>
        <source>a meter you cannot see</source>
        <translation>ein Zähler, den Sie nicht sehen können</translation>
    </message>
</context>
<context>
    <name>Waiting</name>
    <message>
        <source>Waiting for another program to finish writing…</source>
        <translation>Warte, bis ein anderes Programm mit dem Schreiben fertig ist…</translation>
    </message>
    <message>
        <source>Another program (an import from the command line, perhaps) is writing to this data file. Your reading is kept and saved as soon as it has finished.</source>
        <translation>Ein anderes Programm (vielleicht ein Import von der Kommandozeile) schreibt in diese Datendatei. Ihre Ablesung bleibt erhalten und wird gespeichert, sobald es fertig ist.</translation>
    </message>
</context>
<context>
    <name>WaitingBar</name>
    <message>
        <source>Cancel saving</source>
        <translation>Speichern abbrechen</translation>
    </message>
    <message>
        <source>Stop waiting; the reading stays in the form, not saved</source>
        <translation>Nicht mehr warten; die Ablesung bleibt ungespeichert im Formular</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>Your readings stay on this computer, in {place}</source>
        <translation>Ihre Ablesungen bleiben auf diesem Computer, in {place}</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>diesem Computer</translation>
    </message>
    <message>
        <source>the database “{database}” on {host}</source>
        <translation>der Datenbank „{database}“ auf {host}</translation>
    </message>
    <message>
        <source>Your readings are kept on a server, in {place}, shared with the other computers that use it.</source>
        <translation>Ihre Ablesungen liegen auf einem Server, in {place}, gemeinsam mit den anderen Computern, die ihn nutzen.</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Home Log</source>
        <translation>Willkommen bei Home Log</translation>
    </message>
    <message>
        <source>Record the readings of your electricity, water and gas meters and your sensors, and see what you use, week by week and year by year.

Start with the meter you read most often. You can add the others at any time.</source>
        <translation>Erfassen Sie die Stände Ihrer Strom-, Wasser- und Gaszähler und Ihrer Sensoren und sehen Sie, was Sie verbrauchen, Woche für Woche und Jahr für Jahr.

Beginnen Sie mit dem Zähler, den Sie am häufigsten ablesen. Die anderen können Sie jederzeit hinzufügen.</translation>
    </message>
    <message>
        <source>Add your first meter</source>
        <translation>Ersten Zähler hinzufügen</translation>
    </message>
    <message>
        <source>Explore sample data</source>
        <translation>Beispieldaten erkunden</translation>
    </message>
    <message>
        <source>Opens a made-up household in its own file; your own data is not touched.</source>
        <translation>Öffnet einen erfundenen Haushalt in einer eigenen Datei; Ihre eigenen Daten bleiben unberührt.</translation>
    </message>
</context>
<context>
    <name>Widgets</name>
    <message>
        <source>Discard</source>
        <extracomment>The widest the explanation of a discard question gets before it wraps.</extracomment>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Weiter bearbeiten</translation>
    </message>
</context>
<context>
    <name>WindowCommands</name>
    <message>
        <source>Reading saved</source>
        <translation>Ablesung gespeichert</translation>
    </message>
    <message>
        <source>Export cancelled: no file was written</source>
        <translation>Export abgebrochen: Es wurde keine Datei geschrieben</translation>
    </message>
</context>
<context>
    <name>YearOverYearChart</name>
    <message>
        <source>Consumption</source>
        <translation>Verbrauch</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <source>Year over year compares months</source>
        <translation>Der Jahresvergleich vergleicht Monate</translation>
    </message>
    <message>
        <source>Choose “Month” as the period to see the months of each year.</source>
        <translation>Wählen Sie „Monat“ als Zeitraum, um die Monate jedes Jahres zu sehen.</translation>
    </message>
    <message>
        <source>month partly covered</source>
        <translation>Monat teilweise abgedeckt</translation>
    </message>
    <message>
        <source>{year}: no data</source>
        <translation>{year}: keine Daten</translation>
    </message>
</context>
<context>
    <name>_ItemsTableModel</name>
    <message>
        <source>(removed metric)</source>
        <extracomment>The item of a row (a MeterEvent or a Tariff).</extracomment>
        <translation>(entfernte Messgröße)</translation>
    </message>
</context>
</TS>
