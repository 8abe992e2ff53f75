; Inno Setup script of Home Log for Windows (Inno Setup 6).
;
;   iscc /DAppVersion=0.1.0 /DBundleDir=..\..\build\dist\homelog /DIconFile=..\..\build\icons\homelog.ico ^
;        /O..\..\build\packages packaging\windows\homelog.iss
;
; The release workflow passes AppVersion from homelog_desktop.__version__; the default below must
; name the same version (tests/packaging/test_versions.py checks it). Paths are relative to this file.
; Installs per user by default (no administrator needed; the dialog offers "for all users").
; The user's data lives in %APPDATA%\HomeLog, never in the program folder: upgrades keep it, and
; the uninstaller asks before deleting it (the default answer keeps it). The folder also holds
; homelog-cli.exe: the same program as a console one, for `homelog-cli COMMAND` and --self-test.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\build\dist\homelog"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\icons\homelog.ico"
#endif
#define AppName "Home Log"
#define AppExe "homelog.exe"
#define AppUrl "https://github.com/homelog/homelog-desktop"

[Setup]
; Fixed forever: Windows recognises upgrades and the uninstaller by this id. Never change it.
AppId={{C592EEA6-FCA1-4A76-B12C-99E84DE9BFA6}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Home Log developers
AppPublisherURL={#AppUrl}
AppSupportURL={#AppUrl}/issues
AppUpdatesURL={#AppUrl}/releases
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\Home Log
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
#if Ver >= EncodeVer(6, 3, 0)
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
#else
ArchitecturesAllowed=x64
ArchitecturesInstallIn64BitMode=x64
#endif
MinVersion=10.0
LicenseFile=..\..\LICENSE
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputBaseFilename=HomeLog-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running Home Log before replacing its files (upgrades).
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle: files a newer version no longer ships must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Record your household's meter readings"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ The user's readings are in %APPDATA%\HomeLog (platformdirs' roaming data folder). Uninstalling
  keeps them unless the user says otherwise; a silent uninstall always keeps them. }

function DataDir(): String;
begin
  Result := ExpandConstant('{userappdata}\HomeLog');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DirExists(DataDir()) and not UninstallSilent() then
  begin
    if MsgBox('Home Log has been removed.' + #13#10#13#10 +
              'Your readings, backups and logs are still in' + #13#10 + DataDir() + #13#10#13#10 +
              'Delete them too? This cannot be undone. Choose No to keep them ' +
              '(a later installation of Home Log will find them again).',
              mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
    begin
      if not DelTree(DataDir(), True, True, True) then
        MsgBox('Some files in ' + DataDir() + ' could not be deleted.', mbError, MB_OK);
      { The window's remembered size and selection (QSettings: organisation "HomeLog"). }
      RegDeleteKeyIncludingSubkeys(HKEY_CURRENT_USER, 'Software\HomeLog');
    end;
  end;
end;
